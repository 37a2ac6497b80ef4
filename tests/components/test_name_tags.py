"""The Name tag is not an identity, but no two resources of one type share one, over the whole graph.

Local Zones end in the same letter as their parent region's AZs (us-west-2a, us-west-2-lax-1a), so a
Name taken from an AZ's last character collides there. The whole prod landing zone is built on three
such zones and every Name tag, per resource type, must be unique.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from components import LandingZone
from components.base import AccountContext
from components.config import validate_config
from components.environment import Environment
from lz.graph import ResourceGraph
from lz.mock_engine import run_function

ROOT = Path(__file__).resolve().parents[2]
ACCOUNT = AccountContext(account_id="123456789012", region="us-west-2")
LOCAL_ZONES = ["us-west-2a", "us-west-2-lax-1a", "us-west-2-phx-2a"]  # all end in "a"


def _prod_zone(az_names: list[str]) -> ResourceGraph:
    raw = yaml.safe_load((ROOT / "Pulumi.prod.yaml").read_text())["config"]
    config = validate_config({k.split(":", 1)[1]: v for k, v in raw.items() if k.startswith("landing-zone:")})
    assert config.network.az_count == len(az_names)
    env = Environment.from_config(config, ACCOUNT)

    def program() -> None:
        LandingZone("lz-prod", config, env=env, az_names=az_names)

    return run_function(program, config={"aws:region": ACCOUNT.region})


def _name_tags(graph: ResourceGraph) -> list[tuple[str, Any]]:
    return [(r.type, r.inputs["tags"]["Name"]) for r in graph.resources
            if r.custom and isinstance(r.inputs.get("tags"), dict) and "Name" in r.inputs["tags"]]


@pytest.fixture(scope="module")
def local_zones() -> ResourceGraph:
    return _prod_zone(LOCAL_ZONES)


def test_no_two_resources_of_a_type_share_a_name_tag_in_local_zones(local_zones: ResourceGraph) -> None:
    names = _name_tags(local_zones)
    per_az = [n for t, n in names if t == "aws:ec2/subnet:Subnet"]
    assert len(per_az) >= 3 * 4 and all(any(z in n for z in LOCAL_ZONES) for n in per_az)
    assert [key for key, count in Counter(names).items() if count > 1] == []


def test_the_logical_names_do_not_follow_the_zones(local_zones: ResourceGraph) -> None:
    """The identity is the logical name (`-az<n>`), so moving zones renames no resource."""
    assert not [r.name for r in local_zones.resources if any(z in r.name for z in ("lax", "phx", "west-2a"))]
    subnets = {r.name for r in local_zones.by_type("aws:ec2/subnet:Subnet")}
    assert {"prod-edge-endpoints-az0", "prod-edge-endpoints-az2"} <= subnets
