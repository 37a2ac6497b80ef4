"""Every class of config error is caught before any resource exists, with its path and the values."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from components.config import LandingZoneConfigError, validate_config

ROOT = Path(__file__).resolve().parents[2]


def stack_raw(stack: str) -> dict[str, Any]:
    """The landing-zone namespace of a real stack file, as the program sees it."""
    config = yaml.safe_load((ROOT / f"Pulumi.{stack}.yaml").read_text())["config"]
    return {k.split(":", 1)[1]: v for k, v in config.items() if k.startswith("landing-zone:")}


def errors_of(raw: dict[str, Any]) -> list[str]:
    with pytest.raises(LandingZoneConfigError) as exc:
        validate_config(raw)
    return exc.value.errors


def dev(**changes: Any) -> dict[str, Any]:
    raw = copy.deepcopy(stack_raw("dev"))
    raw.update(changes)
    return raw


def with_network(mutate: Any) -> dict[str, Any]:
    raw = dev()
    mutate(raw["network"])
    return raw


def with_flows(*flows: dict[str, Any]) -> dict[str, Any]:
    raw = dev()
    raw["firewall"] = {"flows": list(flows)}
    return raw


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_shipped_stacks_are_valid(stack: str) -> None:
    config = validate_config(stack_raw(stack))
    assert config.environment == stack


def test_malformed_cidr() -> None:
    raw = with_network(lambda n: n["islands"][1].update(cidr="10.20.0.0/33"))
    [error] = errors_of(raw)
    assert error.startswith("network.islands[1].cidr: '10.20.0.0/33' is not a valid IPv4 CIDR")


def test_cidr_with_host_bits_or_without_prefix() -> None:
    def mutate(n: dict[str, Any]) -> None:
        n["islands"][0]["cidr"] = "10.10.0.1/16"
        n["islands"][1]["cidr"] = "10.20.0.0"

    raw = with_network(mutate)
    errors = errors_of(raw)
    assert any(e.startswith("network.islands[0].cidr: '10.10.0.1/16'") and "host bits" in e for e in errors)
    assert any(e.startswith("network.islands[1].cidr: '10.20.0.0' has no prefix length") for e in errors)


def test_island_too_small_for_the_layout() -> None:
    [error] = errors_of(with_network(lambda n: n["islands"][1].update(cidr="10.20.0.0/24")))
    assert error.startswith("network.islands[1].cidr: 10.20.0.0/24: island CIDRs must be /16 to /20")


def test_overlapping_islands_name_both_sides() -> None:
    [error] = errors_of(with_network(lambda n: n["islands"][1].update(cidr="10.10.128.0/17")))
    assert error == "network.islands[1].cidr: 10.10.128.0/17 overlaps islands[0] 'edge' 10.10.0.0/16"


def test_tier_that_does_not_fit_the_island() -> None:
    [error] = errors_of(with_network(lambda n: n["islands"][0]["tiers"][1].update(prefixLength=20)))
    assert error.startswith("network.islands[0].tiers[1].prefixLength: /20 does not fit island 'edge' 10.10.0.0/16")
    assert "/22 to /28" in error


@pytest.mark.parametrize("count", [0, 7])
def test_az_count_outside_one_to_six(count: int) -> None:
    [error] = errors_of(with_network(lambda n: n.update(azCount=count)))
    assert error.startswith("network.azCount:") and f"(got {count})" in error


def test_production_needs_two_azs() -> None:
    raw = copy.deepcopy(stack_raw("prod"))
    raw["network"]["azCount"] = 1
    raw["network"]["natStrategy"] = "single"
    assert errors_of(raw) == ["network.azCount: 1: a production environment needs at least 2 AZs"]


def test_duplicate_island_and_tier_names() -> None:
    def dup(n: dict[str, Any]) -> None:
        n["islands"].append({"name": "edge", "cidr": "10.30.0.0/16", "tiers": [{"name": "app", "kind": "private"}]})

    errors = errors_of(with_network(dup))
    assert "network.islands: island name 'edge' is used more than once" in errors
    duplicate_tier = ("network.islands: tier name 'app' is used more than once (islands[1], islands[2]); "
                      "names are unique")
    assert duplicate_tier in errors


def test_flow_naming_an_unknown_tier() -> None:
    [error] = errors_of(with_flows({"from": "public", "to": "databse", "ports": ["postgres"]}))
    tiers = "['app', 'data', 'inspection', 'public']"
    assert error.startswith(f"firewall.flows[0].to: unknown tier 'databse'; tiers: {tiers}")


@pytest.mark.parametrize(("port", "fragment"), [
    ({"fromPort": 70000, "toPort": 70000},
     "firewall.flows[0].ports[0].fromPort: Input should be less than or equal to 65535"),
    ({"fromPort": -1, "toPort": 80}, "firewall.flows[0].ports[0].fromPort: Input should be greater than or equal to 0"),
    ({"fromPort": 9000, "toPort": 8000}, "firewall.flows[0].ports[0]: fromPort 9000 is greater than toPort 8000"),
    ("telnet", "firewall.flows[0].ports: unknown named port(s) ['telnet']"),
])
def test_bad_ports(port: Any, fragment: str) -> None:
    errors = errors_of(with_flows({"from": "app", "to": "data", "ports": [port]}))
    assert any(e.startswith(fragment) for e in errors), errors


@pytest.mark.parametrize(("entry", "fragment"), [
    ({"cidr": "192.0.2.0/240"}, "network.naclDeny[0].cidr: '192.0.2.0/240' is not a valid IPv4 CIDR"),
    ({"cidr": "192.0.2.0/24", "protocol": "tcp", "fromPort": 443, "toPort": 80},
     "network.naclDeny[0]: fromPort 443 is greater than toPort 80"),
    ({"cidr": "192.0.2.0/24", "fromPort": 22, "toPort": 22}, "network.naclDeny[0]: protocol 'all' takes no port range"),
    ({"cidr": "192.0.2.0/24", "protocol": "gre"}, "network.naclDeny[0].protocol: Input should be"),
    ({"cidr": "192.0.2.0/24", "action": "allow"}, "network.naclDeny[0].action: unknown key (a typo?)"),
])
def test_malformed_nacl_deny_entries(entry: dict[str, Any], fragment: str) -> None:
    errors = errors_of(with_network(lambda n: n.update(naclDeny=[entry])))
    assert any(e.startswith(fragment) for e in errors), errors


def test_unknown_keys_are_typos_at_every_level() -> None:
    raw = dev(netwrok={})
    raw["network"]["islands"][0]["tiers"][0]["prefixLen"] = 24
    errors = errors_of(raw)
    assert "netwrok: unknown key (a typo?)" in errors
    assert "network.islands[0].tiers[0].prefixLen: unknown key (a typo?)" in errors


@pytest.mark.parametrize(("extra", "fragment"), [
    ({"aws:team": "x"}, "key 'aws:team': the 'aws:' prefix is reserved"),
    ({"k" * 129: "x"}, "must be 1-128 characters"),
    ({"team": "v" * 257}, "value of 'team' is 257 characters; at most 256"),
    ({"team": "a|b"}, "value 'a|b' of 'team' has characters AWS rejects"),
    ({"te#am": "x"}, "key 'te#am' has characters AWS rejects"),
])
def test_invalid_tags(extra: dict[str, str], fragment: str) -> None:
    raw = dev()
    raw["tags"] = {**raw["tags"], "extra": extra}
    [error] = errors_of(raw)
    assert error.startswith("tags.extra: ") and fragment in error


@pytest.mark.parametrize("env", ["Dev", "dev_1", "d", "a-very-long-environment", "1dev", "dev env"])
def test_environment_that_cannot_appear_in_resource_names(env: str) -> None:
    [error] = errors_of(dev(environment=env))
    assert error.startswith(f"environment: {env!r} cannot appear in resource names")


def test_internet_may_reach_only_public_tiers_on_web_ports() -> None:
    errors = errors_of(with_flows({"from": "internet", "to": "app", "ports": ["https"]},
                                  {"from": "internet", "to": "public", "ports": ["ssh"]}))
    assert any(e.startswith("firewall.flows[0].to: tier 'app' is private: only a public (edge) tier") for e in errors)
    assert any(e.startswith("firewall.flows[1].ports:") and "the internet may reach only" in e for e in errors)


def test_flow_between_unpaired_islands_and_unknown_peer() -> None:
    raw = with_flows({"from": "inspection", "to": "app", "ports": ["https"]})
    raw["network"]["peers"] = [["edge", "shared"]]
    errors = errors_of(raw)
    assert "network.peers[0][1]: unknown island 'shared'; islands: ['edge', 'workloads']" in errors
    unpaired = "firewall.flows[0]: 'inspection' (edge) and 'app' (workloads) are in islands that are not peers"
    assert any(e.startswith(unpaired) for e in errors)


def test_isolated_tier_cannot_reach_the_internet() -> None:
    [error] = errors_of(with_flows({"from": "data", "to": "internet", "ports": ["https"]}))
    assert error == "firewall.flows[0].from: tier 'data' is isolated: it has no route to the internet"


def test_production_cannot_unprotect_evidence() -> None:
    raw = copy.deepcopy(stack_raw("prod"))
    raw["protectEvidence"] = False
    assert errors_of(raw) == ["protectEvidence: production environments must protect keys and log stores"]


def test_the_old_storage_protect_switch_names_its_replacement() -> None:
    raw = copy.deepcopy(stack_raw("dev"))
    raw["storage"] = {**raw.get("storage", {}), "protect": False}
    assert errors_of(raw) == ["storage: 'protect' is no longer a storage setting: keys, buckets, trails and log "
                              "groups share one switch, landing-zone:protectEvidence (set that instead; production "
                              "keeps it true)"]


def test_every_problem_is_reported_at_once() -> None:
    raw = dev(environment="DEV", netwrok=1)
    raw["network"]["azCount"] = 9
    raw["network"]["islands"][0]["cidr"] = "nope"
    raw["tags"] = {"owner": "team", "extra": {"aws:x": "y"}}
    errors = errors_of(raw)
    assert [e.split(":")[0] for e in errors] == [
        "environment", "tags.extra", "network.azCount", "network.islands[0].cidr", "netwrok"]


def test_cross_checks_still_run_on_a_valid_network_when_another_domain_fails() -> None:
    raw = dev(environment="BAD")
    raw["network"]["islands"][1]["cidr"] = "10.10.0.0/16"
    errors = errors_of(raw)
    assert any(e.startswith("environment:") for e in errors)
    assert "network.islands[1].cidr: 10.10.0.0/16 overlaps islands[0] 'edge' 10.10.0.0/16" in errors
