"""VpcIsland, IslandInterconnect and SecurityTiers, built alone from the dev and prod stacks' specs.

`dev_graph` and `prod_graph` here are the network domain only (the three components wired as
LandingZone wires them, under mocks), not the whole program: faster, and a failure points at the
network. The composition itself is tested in test_landing_zone.py.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from components import Environment, IslandInterconnect, SecurityTiers, VpcIsland, resolve_azs, validate_config
from lz.graph import ResourceGraph
from lz.mock_engine import run_function
from tests.components.envs import ACCOUNT

ROOT = Path(__file__).resolve().parents[2]


def network_graph(stack: str) -> ResourceGraph:
    config = yaml.safe_load((ROOT / f"Pulumi.{stack}.yaml").read_text())["config"]
    spec = validate_config({k.split(":", 1)[1]: v for k, v in config.items() if k.startswith("landing-zone:")})
    env, network = Environment.from_config(spec, ACCOUNT), spec.network

    def program() -> None:
        e = spec.environment
        islands = {i.name: VpcIsland(f"{e}-{i.name}", i, env=env, network=network,
                                     az_names=resolve_azs(network.az_count)) for i in network.islands}
        IslandInterconnect(f"{e}-interconnect", network, env=env,
                           vpc_ids={n: i.vpc_id for n, i in islands.items()},
                           attachment_subnet_ids={n: i.attachment_subnet_ids for n, i in islands.items()},
                           peer_route_table_ids={n: i.peer_route_table_ids for n, i in islands.items()})
        gwlb = ("inspection", spec.ids.proxy_port) if spec.ids.mode == "gwlb" else None
        SecurityTiers(f"{e}-sg", spec.firewall, env=env, network=network,
                      vpc_ids={n: i.vpc_id for n, i in islands.items()},
                      endpoint_security_group_ids={n: i.endpoint_security_group_id for n, i in islands.items()},
                      gateway_prefix_list_ids={n: i.gateway_prefix_list_ids for n, i in islands.items()}, gwlb=gwlb)

    return run_function(program, project="landing-zone", stack=stack, config={"aws:region": config["aws:region"]})


@pytest.fixture(scope="module")
def dev_graph() -> ResourceGraph:
    return network_graph("dev")


@pytest.fixture(scope="module")
def prod_graph() -> ResourceGraph:
    return network_graph("prod")

VPC = "aws:ec2/vpc:Vpc"
SUBNET = "aws:ec2/subnet:Subnet"


def islands_of(graph: ResourceGraph) -> dict[str, str]:
    return {r.urn: r.name for r in graph.by_type("lz:network:VpcIsland")}


def count(graph: ResourceGraph, type_: str) -> int:
    return len(graph.by_type(type_))


@pytest.mark.parametrize(("stack", "vpcs", "subnets", "nats", "azs"), [
    ("dev", 2, 2 * (2 + 2) * 2, 1, 2),
    ("prod", 3, 3 * (2 + 2) * 3, 3, 3),
])
def test_counts(request: pytest.FixtureRequest, stack: str, vpcs: int, subnets: int, nats: int, azs: int) -> None:
    graph: ResourceGraph = request.getfixturevalue(f"{stack}_graph")
    assert count(graph, VPC) == vpcs
    assert count(graph, SUBNET) == subnets
    assert count(graph, "aws:ec2/natGateway:NatGateway") == nats
    assert count(graph, "aws:ec2/internetGateway:InternetGateway") == 1  # only the edge island is public
    assert count(graph, "aws:ec2/flowLog:FlowLog") == vpcs
    assert count(graph, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup") == vpcs
    assert count(graph, "aws:ec2transitgateway/vpcAttachment:VpcAttachment") == vpcs
    assert len({r.inputs["availabilityZone"] for r in graph.by_type(SUBNET)}) == azs


def test_every_cloud_resource_is_parented_by_a_component(prod_graph: ResourceGraph) -> None:
    components = {r.urn: r.type for r in prod_graph.resources if not r.custom}
    for r in prod_graph.resources:
        if r.custom:
            assert components.get(r.parent or "", "").startswith("lz:"), r.urn
    counts = Counter(components.values())
    assert {t: counts[t] for t in ("lz:network:VpcIsland", "lz:network:IslandInterconnect",
                                   "lz:firewall:SecurityTiers")} == {
        "lz:network:VpcIsland": 3, "lz:network:IslandInterconnect": 1, "lz:firewall:SecurityTiers": 1}


def test_vpcs_have_dns_and_subnets_never_map_public_ips(prod_graph: ResourceGraph) -> None:
    for vpc in prod_graph.by_type(VPC):
        assert vpc.inputs["enableDnsSupport"] is True and vpc.inputs["enableDnsHostnames"] is True
    assert {r.inputs["mapPublicIpOnLaunch"] for r in prod_graph.by_type(SUBNET)} == {False}


def test_flow_logs_capture_all_traffic_into_an_encrypted_group(dev_graph: ResourceGraph) -> None:
    vpc_ids = {r.id for r in dev_graph.by_type(VPC)}
    logs = dev_graph.by_type("aws:ec2/flowLog:FlowLog")
    assert {r.inputs["vpcId"] for r in logs} == vpc_ids
    assert {r.inputs["trafficType"] for r in logs} == {"ALL"}
    key_arns = {r.outputs["arn"] for r in dev_graph.by_type("aws:kms/key:Key")}
    for group in dev_graph.by_type("aws:cloudwatch/logGroup:LogGroup"):
        if "vpc-flow-logs" not in group.outputs["name"]:
            continue
        assert group.inputs["kmsKeyId"] in key_arns
        assert group.inputs["retentionInDays"] == 90


def test_flow_log_key_is_rotated_and_scoped_to_its_log_group(dev_graph: ResourceGraph) -> None:
    key = dev_graph.get("dev-edge-flow-logs-key")
    assert key.inputs["enableKeyRotation"] is True and key.inputs["deletionWindowInDays"] == 30
    statements = json.loads(key.inputs["policy"])["Statement"]
    logs = next(s for s in statements if s["Principal"].get("Service", "").startswith("logs."))
    assert logs["Condition"]["ArnEquals"]["kms:EncryptionContext:aws:logs:arn"] == [
        "arn:aws:logs:eu-west-1:123456789012:log-group:/lz/dev/vpc-flow-logs/edge"]
    assert "kms:*" not in json.dumps(logs)


def test_keys_are_protected_in_prod_and_relaxed_in_dev(dev_graph: ResourceGraph, prod_graph: ResourceGraph) -> None:
    assert {k.protect for k in prod_graph.by_type("aws:kms/key:Key")} == {True}
    assert {k.protect for k in dev_graph.by_type("aws:kms/key:Key")} == {False}


def test_default_security_groups_have_no_rules(prod_graph: ResourceGraph) -> None:
    for sg in prod_graph.by_type("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"):
        assert not sg.inputs.get("ingress") and not sg.inputs.get("egress")


def test_quarantine_groups_have_no_rules(prod_graph: ResourceGraph) -> None:
    quarantine = [r for r in prod_graph.by_type("aws:ec2/securityGroup:SecurityGroup") if r.name.endswith("quarantine")]
    assert len(quarantine) == 3
    ids = {q.id for q in quarantine}
    for rule_type in ("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"):
        assert not [r for r in prod_graph.by_type(rule_type) if r.inputs["securityGroupId"] in ids]
    for q in quarantine:
        assert not q.inputs.get("ingress") and not q.inputs.get("egress")


def test_only_the_public_tier_takes_traffic_from_the_internet(prod_graph: ResourceGraph) -> None:
    public_sg = prod_graph.get("prod-sg-public").id
    open_rules = [r for r in prod_graph.by_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                  if r.inputs.get("cidrIpv4") == "0.0.0.0/0"]
    assert {(r.inputs["securityGroupId"], r.inputs["fromPort"]) for r in open_rules} == {
        (public_sg, 443.0), (public_sg, 80.0)}


def test_every_sg_rule_is_described_and_tiers_reference_groups(prod_graph: ResourceGraph) -> None:
    rules = [*prod_graph.by_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
             *prod_graph.by_type("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")]
    assert rules and all(r.inputs.get("description") for r in rules)
    app_in = prod_graph.get("prod-sg-app-in-inspection-https")
    assert app_in.inputs["referencedSecurityGroupId"] == prod_graph.get("prod-sg-inspection").id


def test_interface_endpoints_accept_https_from_the_vpc_only(dev_graph: ResourceGraph) -> None:
    rule = dev_graph.get("dev-edge-endpoints-sg-in-https")
    assert (rule.inputs["cidrIpv4"], rule.inputs["fromPort"], rule.inputs["toPort"]) == ("10.10.0.0/16", 443.0, 443.0)
    endpoints = dev_graph.by_type("aws:ec2/vpcEndpoint:VpcEndpoint")
    services = Counter(e.inputs["serviceName"].rsplit(".", 1)[1] for e in endpoints)
    assert services == dict.fromkeys(["s3", "dynamodb", "ssm", "ssmmessages", "ec2messages", "logs", "kms", "sts"], 2)


def test_transit_gateway_has_default_association_and_propagation_off(dev_graph: ResourceGraph) -> None:
    [tgw] = dev_graph.by_type("aws:ec2transitgateway/transitGateway:TransitGateway")
    assert tgw.inputs["defaultRouteTableAssociation"] == "disable"
    assert tgw.inputs["defaultRouteTablePropagation"] == "disable"
    for attachment in dev_graph.by_type("aws:ec2transitgateway/vpcAttachment:VpcAttachment"):
        assert attachment.inputs["transitGatewayDefaultRouteTableAssociation"] is False
        assert attachment.inputs["transitGatewayDefaultRouteTablePropagation"] is False


def test_logical_names_are_a_stable_contract(dev_graph: ResourceGraph) -> None:
    names = {r.name for r in dev_graph.resources}
    for expected in ("dev-edge", "dev-edge-vpc", "dev-edge-public-az0", "dev-workloads-data-az1",
                     "dev-edge-nat-az0", "dev-edge-rt-inspection", "dev-edge-nacl-public", "dev-interconnect-tgw",
                     "dev-interconnect-edge-from-workloads", "dev-sg-public-in-internet-https",
                     "dev-sg-edge-quarantine", "dev-edge-flow-log"):
        assert expected in names, expected


def test_tags_carry_environment_owner_classification_and_managed_by(prod_graph: ResourceGraph) -> None:
    for r in prod_graph.by_type(VPC) + prod_graph.by_type(SUBNET):
        tags = r.inputs["tags"]
        assert tags["environment"] == "prod" and tags["owner"] == "platform-team"
        assert tags["data-classification"] == "confidential" and tags["managed-by"] == "pulumi-landing-zone"
        assert tags["cost-center"] == "platform-prod"
