"""The component package's wrappers report bad input at the consumer's camelCase property path,
before anything registers (the real-engine tests show the same through `pulumi preview`; these build
the wrappers directly, one case each, in a fraction of a second)."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.errors import InputPropertiesError

from components.provider.firewall import SecurityTiers
from components.provider.network import VpcIsland
from lz.mock_engine import ProgramError, run_function

ENV = {"name": "dev", "owner": "app-team"}
TIERS = [{"name": "public", "kind": "public"}, {"name": "app", "kind": "private"}]
ISLAND = {"environment": ENV, "cidr": "10.50.0.0/16", "tiers": TIERS}
FLOWS = [{"source": "internet", "target": "public", "ports": ["https"], "description": "TLS in"}]
REFS = {"vpc_id": "vpc-1", "endpoint_security_group_id": "sg-1",
        "gateway_prefix_list_ids": {"s3": "pl-s3", "dynamodb": "pl-ddb"}}


def paths(build: Any) -> list[str]:
    """The property paths of the InputPropertiesError the wrapper raises, and that nothing registered."""
    seen: list[str] = []

    def program() -> None:
        with pytest.raises(InputPropertiesError) as caught:
            build()
        seen.extend(e["property_path"] for e in caught.value.errors or [])

    graph = run_function(program, config={"aws:region": "eu-west-1"})
    assert [r.type for r in graph.resources if r.type != "pulumi:pulumi:Stack"] == []
    return seen


@pytest.mark.parametrize(("change", "expected"), [
    ({"cidr": "10.50.0.0/24"}, ["cidr"]),
    ({"tiers": [{"name": "public", "kind": "public", "prefix_length": 40}]}, ["tiers[0].prefixLength"]),
    ({"az_count": 9}, ["azCount"]),
    ({"flow_log_retention_days": 4}, ["flowLogRetentionDays"]),
    ({"environment": {"name": "Dev!", "owner": "app-team"}}, ["environment.name"]),
], ids=["cidr", "tier-prefix", "az-count", "flow-log-retention", "environment"])
def test_vpc_island_names_the_consumers_property(change: dict[str, Any], expected: list[str]) -> None:
    assert paths(lambda: VpcIsland("island", {**ISLAND, **change})) == expected  # type: ignore[typeddict-item]


@pytest.mark.parametrize(("islands", "flows", "expected"), [
    ([{"name": "edge", "cidr": "10.50.0.0/24", "tiers": TIERS, **REFS}], FLOWS, ["islands[0].cidr"]),
    ([{"name": "edge", "cidr": "10.50.0.0/16", "tiers": [{**TIERS[0], "prefix_length": 40}], **REFS}], FLOWS,
     ["islands[0].tiers[0].prefixLength"]),
    ([{"name": "edge", "cidr": "10.50.0.0/16", "tiers": TIERS, **REFS}],
     [{**FLOWS[0], "source": "nowhere"}], ["flows[0].source"]),
    ([{"name": "edge", "cidr": "10.50.0.0/16", "tiers": TIERS, **REFS}],
     [{**FLOWS[0], "target": "nowhere"}], ["flows[0].target"]),
], ids=["island-cidr", "island-tier-prefix", "flow-source", "flow-target"])
def test_security_tiers_name_the_consumers_property(islands: list[dict[str, Any]], flows: list[dict[str, Any]],
                                                     expected: list[str]) -> None:
    args = {"environment": ENV, "islands": islands, "flows": flows}
    assert paths(lambda: SecurityTiers("tiers", args)) == expected  # type: ignore[arg-type]


def test_a_valid_island_builds() -> None:
    graph = run_function(lambda: VpcIsland("island", ISLAND) and None,  # type: ignore[arg-type]
                         config={"aws:region": "eu-west-1"})
    assert "landingzone:index:VpcIsland" in {r.type for r in graph.resources}
    with pytest.raises(ProgramError):
        run_function(lambda: VpcIsland("island", {**ISLAND, "cidr": "10.50.0.0/8"}) and None,  # type: ignore
                     config={"aws:region": "eu-west-1"})
