"""A team brings its own VPCs: plain `aws.ec2.Vpc`, subnets, route tables and a security group of its own
program, wired into SecurityTiers, IslandInterconnect, IdsFleet and ClientVpn as Inputs.

No VpcIsland and no other component of ours stands between: each component's resources take the
team's ids, and the engine records the team's resources as what those properties depend on.
"""

from __future__ import annotations

from pathlib import Path

import pulumi_aws as aws
import pytest
import yaml

from components.access import AccessSpec, ClientVpn
from components.config import validate_config
from components.firewall import SecurityTiers
from components.ids import GwlbRouting, IdsFleet, IdsSpec
from components.network import IslandInterconnect
from lz.graph import ResourceGraph, ResourceRecord
from lz.mock_engine import run_function
from tests.components.envs import environment

ROOT = Path(__file__).resolve().parents[2]
_RAW = yaml.safe_load((ROOT / "Pulumi.dev.yaml").read_text())["config"]
CONFIG = validate_config({k.split(":", 1)[1]: v for k, v in _RAW.items() if k.startswith("landing-zone:")})
ENV = environment("dev")
CIDRS = {i.name: i.cidr for i in CONFIG.network.islands}
CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
TOPIC = "arn:aws:sns:eu-west-1:123456789012:team-alerts"
TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/team-ids/0123456789abcdef"


def team_program() -> None:
    vpcs = {n: aws.ec2.Vpc(f"team-{n}", cidr_block=cidr) for n, cidr in CIDRS.items()}
    subnets = {n: [aws.ec2.Subnet(f"team-{n}-{az}", vpc_id=vpcs[n].id, availability_zone=f"eu-west-1{az}",
                                  cidr_block=cidr.replace(".0.0/16", f".{k}.0/24"))
                   for k, az in enumerate("ab")] for n, cidr in CIDRS.items()}
    tables = {n: aws.ec2.RouteTable(f"team-{n}-rt", vpc_id=vpcs[n].id) for n in CIDRS}
    groups = {n: aws.ec2.SecurityGroup(f"team-{n}-endpoints", vpc_id=vpcs[n].id, description="endpoints")
              for n in CIDRS}
    sensors = aws.ec2.SecurityGroup("team-sensors", vpc_id=vpcs["edge"].id, description="sensors")

    SecurityTiers("own-sg", CONFIG.firewall, env=ENV, network=CONFIG.network,
                  vpc_ids={n: v.id for n, v in vpcs.items()},
                  endpoint_security_group_ids={n: g.id for n, g in groups.items()},
                  gateway_prefix_list_ids={n: {"s3": f"pl-{n}-s3", "dynamodb": f"pl-{n}-ddb"} for n in CIDRS})
    IslandInterconnect("own-tgw", CONFIG.network, env=ENV, vpc_ids={n: v.id for n, v in vpcs.items()},
                       attachment_subnet_ids={n: [s.id for s in subnets[n]] for n in CIDRS},
                       peer_route_table_ids={n: {"main": tables[n].id} for n in CIDRS})
    IdsFleet("own-ids", IdsSpec.model_validate({"minSize": 1, "maxSize": 2, "desiredSize": 1, "goldenImage": False}),
             env=ENV, vpc_id=vpcs["edge"].id, subnet_ids=[s.id for s in subnets["edge"]],
             security_group_id=sensors.id, data_key_arn=KEY, instance_profile_name="team-sensor",
             instance_tags={"Patch Group": "team"}, alerts_topic_arn=TOPIC, target_group_arn=TG,
             log_group_names={k: f"/team/{k}" for k in ("snort", "hids", "antivirus", "nginx")},
             upstream_url="https://app.team.internal.example.com")
    gateway = aws.ec2.InternetGateway("team-igw", vpc_id=vpcs["edge"].id)
    IdsFleet("own-gwlb", IdsSpec.model_validate({"mode": "gwlb", "minSize": 1, "maxSize": 2, "desiredSize": 1,
                                                 "goldenImage": False}),
             env=ENV, vpc_id=vpcs["edge"].id, subnet_ids=[s.id for s in subnets["edge"]],
             security_group_id=sensors.id, data_key_arn=KEY, instance_profile_name="team-sensor",
             instance_tags={"Patch Group": "team"}, alerts_topic_arn=TOPIC,
             log_group_names={k: f"/team/{k}" for k in ("snort", "hids", "antivirus", "nginx")},
             gwlb_routing=GwlbRouting(
                 vpc_id=vpcs["edge"].id, internet_gateway_id=gateway.id,
                 endpoint_subnet_ids=[s.id for s in subnets["workloads"]],
                 endpoint_route_table_ids=[tables["workloads"].id, tables["workloads"].id],
                 protected_subnet_cidrs=["10.10.0.0/24", "10.10.1.0/24"],
                 protected_route_table_ids=[tables["edge"].id]))
    ClientVpn("own-vpn", AccessSpec.model_validate({
        "enabled": True, "homeIsland": "edge", "serverCertificateArn": CERT, "clientRootCertificateArn": CERT,
        "clientCidr": "172.16.0.0/22", "islands": [{"name": "edge"}, {"name": "workloads", "ports": [443]}]}),
        env=ENV, vpc_id=vpcs["edge"].id, subnet_ids=[s.id for s in subnets["edge"]], island_cidrs=CIDRS,
        logs_key_arn=KEY)


@pytest.fixture(scope="module")
def graph() -> ResourceGraph:
    return run_function(team_program, config={"aws:region": "eu-west-1"}, preview=False)


def _descendants(graph: ResourceGraph, urn: str) -> list[ResourceRecord]:
    found: list[ResourceRecord] = []
    for child in graph.children_of(urn):
        found += [child, *_descendants(graph, child.urn)]
    return found


def _team_inputs(graph: ResourceGraph, component: str) -> dict[str, set[str]]:
    """Property name -> the team's resources (by name) that the component's resources take it from."""
    team = {r.urn: r.name for r in graph.resources if r.custom and r.name.startswith("team-")}
    used: dict[str, set[str]] = {}
    for record in _descendants(graph, graph.get(component).urn):
        for prop, urns in record.property_dependencies.items():
            names = {team[u] for u in urns if u in team}
            if names:
                used.setdefault(prop, set()).update(names)
    return used


def test_only_the_team_builds_the_network(graph: ResourceGraph) -> None:
    ours = {r.type for r in graph.resources if not r.custom and r.type != "pulumi:pulumi:Stack"}
    assert ours == {"lz:firewall:SecurityTiers", "lz:network:IslandInterconnect", "lz:ids:IdsFleet",
                    "lz:access:ClientVpn"}
    assert [r.name for r in graph.by_type("aws:ec2/internetGateway:InternetGateway")] == ["team-igw"]
    vpcs = graph.by_type("aws:ec2/vpc:Vpc")
    assert sorted(v.name for v in vpcs) == ["team-edge", "team-workloads"]


def test_security_tiers_sit_in_the_team_vpcs(graph: ResourceGraph) -> None:
    used = _team_inputs(graph, "own-sg")
    assert used["vpcId"] == {"team-edge", "team-workloads"}
    assert used["referencedSecurityGroupId"] == {"team-edge-endpoints", "team-workloads-endpoints"}


def test_interconnect_attaches_the_team_subnets_and_routes_in_its_tables(graph: ResourceGraph) -> None:
    used = _team_inputs(graph, "own-tgw")
    assert used["vpcId"] == {"team-edge", "team-workloads"}
    assert used["subnetIds"] == {f"team-{n}-{az}" for n in CIDRS for az in "ab"}
    assert used["routeTableId"] == {"team-edge-rt", "team-workloads-rt"}


def test_ids_fleet_runs_in_the_team_subnets_behind_its_group(graph: ResourceGraph) -> None:
    # alb-proxy: the edge owns the target group, so the fleet needs no VPC of its own
    assert _team_inputs(graph, "own-ids") == {
        "vpcZoneIdentifiers": {"team-edge-a", "team-edge-b"}, "networkInterfaces": {"team-sensors"}}
    gwlb = _team_inputs(graph, "own-gwlb")
    assert gwlb["vpcId"] == {"team-edge"}  # its GENEVE target group, the endpoints, the edge route table
    assert gwlb["vpcZoneIdentifiers"] == {"team-edge-a", "team-edge-b"}
    assert gwlb["subnetIds"] == {"team-workloads-a", "team-workloads-b"}  # the endpoints' subnets
    assert gwlb["gatewayId"] == {"team-igw"}
    assert gwlb["routeTableId"] >= {"team-workloads-rt", "team-edge-rt"}


def test_client_vpn_associates_the_team_subnets(graph: ResourceGraph) -> None:
    used = _team_inputs(graph, "own-vpn")
    assert used["vpcId"] == {"team-edge"}
    assert used["subnetId"] == {"team-edge-a", "team-edge-b"}
