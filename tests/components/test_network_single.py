"""VpcIsland, IslandInterconnect and SecurityTiers built one at a time under mocks, from plain ids.

The other network tests read the whole dev and prod programs; these build one component from the
dev stack's own specs, the way a team that brings its own VPC would, and are what the contract
promises: Inputs in, no component objects, clear errors for a missing id.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from components.config import LandingZoneConfig, validate_config
from components.environment import Environment
from components.firewall import SecurityTiers
from components.network import IslandInterconnect, NetworkSpec, VpcIsland
from lz.graph import ResourceGraph
from lz.mock_engine import ProgramError, run_function
from tests.components.envs import ACCOUNT

ROOT = Path(__file__).resolve().parents[2]
REGION = {"aws:region": ACCOUNT.region}
SG = "aws:ec2/securityGroup:SecurityGroup"


def dev_config(mutate: Any = None) -> LandingZoneConfig:
    config = yaml.safe_load((ROOT / "Pulumi.dev.yaml").read_text())["config"]
    raw = {k.split(":", 1)[1]: v for k, v in copy.deepcopy(config).items() if k.startswith("landing-zone:")}
    if mutate:
        mutate(raw)
    return validate_config(raw)


CONFIG = dev_config()
ENV = Environment.from_config(CONFIG, ACCOUNT)
OWN_VPCS = {"edge": "vpc-0000000000000edge", "workloads": "vpc-00000000workloads"}


def test_environment_from_config_is_the_one_protection_switch() -> None:
    assert (ENV.name, ENV.production, ENV.protect, ENV.region) == ("dev", False, False, "eu-west-1")
    assert ENV.tagging.base()["cost-center"] == "platform-dev"


def test_local_zone_names_do_not_collide_in_name_tags() -> None:
    network = NetworkSpec.model_validate({"azCount": 2, "islands": [
        {"name": "lab", "cidr": "10.50.0.0/16", "tiers": [{"name": "app", "kind": "private"}]}]})
    zones = ["us-west-2a", "us-west-2-lax-1a"]  # both end in "a"
    graph = run_function(lambda: VpcIsland("lab", network.islands[0], env=ENV, network=network, az_names=zones),
                         config={"aws:region": "us-west-2"})
    subnets = graph.by_type("aws:ec2/subnet:Subnet")
    by_name = {s.name: s.inputs["tags"]["Name"] for s in subnets if "-app-" in s.name}
    assert by_name == {"lab-app-az0": "lab-app-us-west-2a", "lab-app-az1": "lab-app-us-west-2-lax-1a"}
    assert {s.inputs["tags"]["managed-by"] for s in subnets} == {"pulumi-landing-zone"}  # the transformation


def test_vpc_island_refuses_fewer_zones_than_the_spec_asks() -> None:
    network = CONFIG.network
    with pytest.raises(ProgramError, match=r"network.azCount is 2 but az_names has 1: \['eu-west-1a'\]"):
        run_function(lambda: VpcIsland("dev-edge", network.islands[0], env=ENV, network=network,
                                       az_names=["eu-west-1a"]), config=REGION)


def tiers_of_own_vpcs(**kwargs: Any) -> ResourceGraph:
    network = CONFIG.network
    return run_function(lambda: SecurityTiers(
        "dev-sg", CONFIG.firewall, env=ENV, network=network, **{"vpc_ids": OWN_VPCS, **kwargs}), config=REGION)


def test_security_tiers_on_vpcs_a_team_brings() -> None:
    graph = tiers_of_own_vpcs(
        endpoint_security_group_ids={"edge": "sg-edge-endpoints", "workloads": "sg-workloads-endpoints"},
        gateway_prefix_list_ids={i: {"s3": f"pl-{i}-s3", "dynamodb": f"pl-{i}-ddb"} for i in OWN_VPCS})
    groups = {g.name: g.inputs["vpcId"] for g in graph.by_type(SG)}
    assert groups["dev-sg-public"] == OWN_VPCS["edge"] and groups["dev-sg-app"] == OWN_VPCS["workloads"]
    assert groups["dev-sg-edge-quarantine"] == OWN_VPCS["edge"]
    assert set(groups.values()) == set(OWN_VPCS.values())
    assert [r.type for r in graph.resources if not r.custom] == ["lz:firewall:SecurityTiers"]


def test_security_tiers_name_the_id_a_flow_needs() -> None:
    with pytest.raises(ProgramError, match=r"a flow needs (endpoint_security_group_ids|gateway_prefix_list_ids)\["):
        tiers_of_own_vpcs()
    with pytest.raises(ProgramError, match=r"vpc_ids lacks islands \['workloads'\] of the network spec"):
        tiers_of_own_vpcs(vpc_ids={"edge": "vpc-1"})


def interconnect(network: NetworkSpec) -> ResourceGraph:
    names = [i.name for i in network.islands]
    return run_function(lambda: IslandInterconnect(
        "dev-interconnect", network, env=ENV, vpc_ids={n: f"vpc-{n}" for n in names},
        attachment_subnet_ids={n: [f"subnet-{n}-tgw-a", f"subnet-{n}-tgw-b"] for n in names},
        peer_route_table_ids={n: {"app": f"rtb-{n}-app"} for n in names}), config=REGION)


def test_unpaired_islands_have_no_path() -> None:
    def add_lab(raw: dict[str, Any]) -> None:
        raw["network"]["islands"].append(
            {"name": "lab", "cidr": "10.99.0.0/16", "tiers": [{"name": "lab", "kind": "private"}]})

    graph = interconnect(dev_config(add_lab).network)
    lab_attachment = graph.get("dev-interconnect-lab-attachment")
    assert lab_attachment.inputs["vpcId"] == "vpc-lab"
    lab_tgw_table = graph.get("dev-interconnect-lab-rt").id
    props = graph.by_type("aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation")
    assert props and not [p for p in props if lab_attachment.id == p.inputs["transitGatewayAttachmentId"]
                          or lab_tgw_table == p.inputs["transitGatewayRouteTableId"]]
    routes = graph.by_type("aws:ec2/route:Route")
    assert not [r for r in routes if r.inputs["routeTableId"] == "rtb-lab-app"]
    assert not [r for r in routes if r.inputs["destinationCidrBlock"] == "10.99.0.0/16"]
    # paired islands do route to each other, through the tables they were given
    assert {(r.inputs["routeTableId"], r.inputs["destinationCidrBlock"]) for r in routes} == {
        ("rtb-edge-app", "10.20.0.0/16"), ("rtb-workloads-app", "10.10.0.0/16")}


def test_interconnect_names_islands_without_ids() -> None:
    network = CONFIG.network
    with pytest.raises(ProgramError, match=r"for islands \['workloads'\] of the network spec"):
        run_function(lambda: IslandInterconnect(
            "dev-interconnect", network, env=ENV, vpc_ids={"edge": "vpc-1"}, attachment_subnet_ids={"edge": []},
            peer_route_table_ids={"edge": {}}), config=REGION)
