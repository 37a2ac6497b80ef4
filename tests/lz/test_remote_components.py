"""Multi-language components (awsx, aws-apigateway) under lz: no crash, SDK-shaped outputs, and either the
children awsx would create (checked by the pack) or a finding that the internals were not checked."""

from __future__ import annotations

import ipaddress
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lz.graph import ResourceGraph
from lz.mock_engine import run_program
from lz.remote import plan_subnets

PROGRAM = Path(__file__).parent / "programs" / "awsx"
REPO_ROOT = Path(__file__).resolve().parents[2]
VPC_COMPONENT = "urn:pulumi:dev::awsx-app::awsx:ec2:Vpc::app"


@pytest.fixture(scope="module")
def graph() -> ResourceGraph:
    return run_program(PROGRAM, "dev")


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-m", "lz", "check", "dev", "--program", str(PROGRAM), "--pack-name",
                           "aws-workloads", "--format", "json"], cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=300, check=False)
    assert proc.returncode == 1, proc.stderr  # the program runs; the world-open security group blocks
    return dict(json.loads(proc.stdout))


def test_program_chains_on_sdk_shaped_outputs(graph: ResourceGraph) -> None:
    vpc = graph.only("aws:ec2/vpc:Vpc")
    assert graph.outputs["vpcId"] == vpc.id
    assert graph.outputs["natGateways"] == 1  # strategy Single
    assert graph.outputs["privateSubnetClasses"] == ["Subnet", "Subnet"]  # resources, as the SDK types them
    # An opaque component: every output the SDK class declares is unknown, not an echo of the inputs.
    assert graph.outputs["apiUrl"] == "<unknown>"
    assert graph.outputs["lbArn"] == graph.only("aws:lb/loadBalancer:LoadBalancer").outputs["arn"]


def test_vpc_expands_into_what_awsx_creates_under_the_component(graph: ResourceGraph) -> None:
    inside = [r for r in graph.resources if r.urn.split("::")[2].startswith("awsx:ec2:Vpc$")]
    counts: dict[str, int] = {}
    for r in inside:
        counts[r.type] = counts.get(r.type, 0) + 1
    assert counts == {"aws:ec2/vpc:Vpc": 1, "aws:ec2/internetGateway:InternetGateway": 1, "aws:ec2/subnet:Subnet": 4,
                      "aws:ec2/routeTable:RouteTable": 4, "aws:ec2/routeTableAssociation:RouteTableAssociation": 4,
                      "aws:ec2/route:Route": 4, "aws:ec2/eip:Eip": 1, "aws:ec2/natGateway:NatGateway": 1}
    vpc = graph.only("aws:ec2/vpc:Vpc")
    assert vpc.parent == VPC_COMPONENT and vpc.inputs["cidrBlock"] == "10.30.0.0/16"
    subnets = {r.name: r.inputs for r in graph.by_type("aws:ec2/subnet:Subnet")}
    assert {n: (s["cidrBlock"], s["availabilityZone"], s["mapPublicIpOnLaunch"]) for n, s in subnets.items()} == {
        "app-private-1": ("10.30.0.0/18", "eu-west-1a", False), "app-public-1": ("10.30.64.0/19", "eu-west-1a", True),
        "app-private-2": ("10.30.128.0/18", "eu-west-1b", False),
        "app-public-2": ("10.30.192.0/19", "eu-west-1b", True),
    }
    nat = graph.only("aws:ec2/natGateway:NatGateway")
    private_routes = [r for r in graph.by_type("aws:ec2/route:Route") if "natGatewayId" in r.inputs]
    assert [r.inputs["natGatewayId"] for r in private_routes] == [nat.id, nat.id]


def test_fargate_service_expands_into_service_and_task_definition(graph: ResourceGraph) -> None:
    services = {r.name: r for r in graph.by_type("aws:ecs/service:Service")}
    api = services["api"]
    assert api.parent == "urn:pulumi:dev::awsx-app::awsx:ecs:FargateService::api"
    private_ids = [s.id for s in graph.by_type("aws:ec2/subnet:Subnet") if "private" in s.name]
    assert api.inputs["networkConfiguration"] == {"subnets": private_ids, "assignPublicIp": False}
    assert api.inputs["launchType"] == "FARGATE"
    definitions = {r.name: r for r in graph.by_type("aws:ecs/taskDefinition:TaskDefinition")}
    assert api.inputs["taskDefinition"] == definitions["api"].outputs["arn"]
    (container,) = json.loads(definitions["api"].inputs["containerDefinitions"])
    assert (container["name"], container["image"], container["logConfiguration"]["logDriver"]) == (
        "api", "nginx:1.27", "awslogs")
    sg = graph.get("worker-sg")  # awsx's default network configuration
    assert services["worker"].inputs["networkConfiguration"]["securityGroups"] == [sg.id]


def test_pack_checks_the_children_and_every_component_gets_a_finding(report: dict[str, Any]) -> None:
    found = {(v["policy"], v["resource"]["name"]) for v in report["violations"]}
    assert {("sg_no_public_all_ports", "worker-sg"), ("ecs_service_no_public_ip", "worker"),
            ("subnet_no_public_ip_on_launch", "app-public-1"), ("vpc_flow_logs_enabled", "app")} <= found
    assert ("lb_listener_https_only", "web-0") in found  # awsx's default listener: port 80, HTTP
    assert ("ecs_container_logging_configured", "api") not in found  # awsx's awslogs default is modelled
    lz_own = {(p, n) for p, n in found if p.startswith("lz_component")}
    assert lz_own == {("lz_component_modeled", "app"), ("lz_component_modeled", "api"),
                      ("lz_component_modeled", "worker"), ("lz_component_modeled", "web"),
                      ("lz_component_not_checked", "public")}
    opaque = next(v for v in report["violations"] if v["resource"]["name"] == "public")
    assert "were not checked" in opaque["message"] and opaque["location"]["line"] == 26


def test_load_balancer_expands_with_awsx_defaults(graph: ResourceGraph) -> None:
    balancer = graph.only("aws:lb/loadBalancer:LoadBalancer")
    public_ids = [s.id for s in graph.by_type("aws:ec2/subnet:Subnet") if "public" in s.name]
    sg = next(r for r in graph.by_type("aws:ec2/securityGroup:SecurityGroup") if r.name == "web")
    assert balancer.inputs["subnets"] == public_ids and balancer.inputs["securityGroups"] == [sg.id]
    listener = graph.only("aws:lb/listener:Listener")
    group = graph.only("aws:lb/targetGroup:TargetGroup")
    assert (listener.name, listener.inputs["port"], listener.inputs["protocol"]) == ("web-0", 80, "HTTP")
    assert listener.inputs["defaultActions"] == [{"type": "forward", "targetGroupArn": group.outputs["arn"]}]
    assert (group.inputs["targetType"], group.inputs["vpcId"]) == ("ip", "<unknown>")


def test_default_layout_is_awsx_legacy_and_never_overlaps() -> None:
    plans = plan_subnets("net", "10.0.0.0/16", ["a", "b", "c"], None)
    assert [(p.name, p.cidr) for p in plans] == [
        ("net-private-1", "10.0.0.0/19"), ("net-public-1", "10.0.32.0/20"),
        ("net-private-2", "10.0.64.0/19"), ("net-public-2", "10.0.96.0/20"),
        ("net-private-3", "10.0.128.0/19"), ("net-public-3", "10.0.160.0/20"),
    ]
    custom = plan_subnets("net", "10.1.0.0/16", ["a", "b"], [{"type": "Public", "cidrMask": 24},
                                                              {"type": "Private", "cidrMask": 20},
                                                              {"type": "Isolated", "name": "db", "cidrMask": 26}])
    nets = [ipaddress.ip_network(p.cidr) for p in custom]
    assert all(not a.overlaps(b) for i, a in enumerate(nets) for b in nets[i + 1:])
    assert [p.name for p in custom if p.az == "a"] == ["net-private-1", "net-public-1", "net-db-1"]
