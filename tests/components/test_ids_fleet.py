"""IdsFleet under the mock engine: what a regression in the sensors' launch, scaling or alerting would change.

The user data renderer is injected (`render=`) so these tests judge the fleet, not the cloud-config
document; the stub echoes the settings it was given, so the wiring of every setting is checked too.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from dataclasses import fields
from typing import Any

import pytest

from components.base import AccountContext, Tagging
from components.ids.fleet import GwlbRouting, IdsFleet
from components.ids.spec import IdsSpec
from lz.graph import ResourceGraph
from lz.mock_engine import ProgramError, run_function
from tests.components.envs import env_of

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
TAGGING = Tagging("dev", "platform", "internal", {})
KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:lz-dev-alerts"
SUBNETS = ["subnet-insp-a", "subnet-insp-b", "subnet-insp-c"]
SG = "sg-inspection"
PROFILE = "lz-dev-instance-profile"
PATCH = {"Patch Group": "lz-dev"}
LOGS = {"snort": "/lz/dev/ids", "hids": "/lz/dev/hids", "antivirus": "/lz/dev/antivirus", "nginx": "/lz/dev/nginx"}
UPSTREAM = "https://internal-lz-dev-app.eu-west-1.elb.amazonaws.com"
#: In mode alb-proxy the edge owns the sensors' target group; the fleet registers into it.
SENSOR_TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/lz-dev-ids/0123456789abcdef"
ROUTING = GwlbRouting(
    vpc_id="vpc-edge", internet_gateway_id="igw-edge", endpoint_subnet_ids=["subnet-gwlbe-a", "subnet-gwlbe-b"],
    endpoint_route_table_ids=["rtb-gwlbe"], protected_subnet_cidrs=["10.10.0.0/22", "10.10.4.0/22"],
    protected_route_table_ids=["rtb-public"])

LT = "aws:ec2/launchTemplate:LaunchTemplate"
ASG = "aws:autoscaling/group:Group"
TG = "aws:lb/targetGroup:TargetGroup"
LB = "aws:lb/loadBalancer:LoadBalancer"
ROUTE = "aws:ec2/route:Route"


def stub_render(settings: Any) -> str:
    values = {f.name: getattr(settings, f.name) for f in fields(settings)}
    text = "#cloud-config\n# clamav freshclam\n" + json.dumps(values, sort_keys=True, default=dict)
    return base64.b64encode(text.encode()).decode()


def declare(raw: dict[str, Any] | None = None, *, production: bool = False, **overrides: Any):
    spec = IdsSpec.model_validate(raw or {})
    kwargs: dict[str, Any] = dict(
        vpc_id="vpc-edge", subnet_ids=SUBNETS, security_group_id=SG, data_key_arn=KEY_ARN,
        instance_profile_name=PROFILE, instance_tags=PATCH, log_group_names=LOGS, alerts_topic_arn=TOPIC_ARN,
        env=env_of(TAGGING, production=production), render=stub_render,
        upstream_url=UPSTREAM if spec.mode == "alb-proxy" else None,
        target_group_arn=SENSOR_TG if spec.mode == "alb-proxy" else None,
        gwlb_routing=ROUTING if spec.mode == "gwlb" else None)
    kwargs.update(overrides)

    def program() -> None:
        IdsFleet("dev-ids", spec, **kwargs)

    return program


def capture(raw: dict[str, Any] | None = None, **kwargs: Any) -> ResourceGraph:
    return run_function(declare(raw, **kwargs), config={"aws:region": ACCOUNT.region}, preview=False)


@pytest.fixture(scope="module")
def graph() -> ResourceGraph:
    return capture()


@pytest.fixture(scope="module")
def gwlb_graph() -> ResourceGraph:
    return capture({"mode": "gwlb"})




def user_data(graph: ResourceGraph) -> dict[str, Any]:
    text = base64.b64decode(graph.only(LT).inputs["userData"]).decode()
    assert text.startswith("#cloud-config\n")
    return json.loads(text.split("\n", 2)[2])


def test_alb_proxy_resources_and_parents(graph: ResourceGraph) -> None:
    assert Counter(r.type for r in graph.resources) == {
        "lz:ids:IdsFleet": 1, LT: 1, ASG: 1,
        "aws:cloudwatch/logMetricFilter:LogMetricFilter": 1, "aws:cloudwatch/metricAlarm:MetricAlarm": 1}
    fleet = graph.only("lz:ids:IdsFleet")
    assert all(r.parent == fleet.urn for r in graph.resources if r.custom)
    assert {r.name for r in graph.resources} == {
        "dev-ids", "dev-ids-template", "dev-ids-group", "dev-ids-alerts-filter", "dev-ids-alerts-alarm"}


def test_launch_template_hardening(graph: ResourceGraph) -> None:
    lt = graph.only(LT).inputs
    assert lt["metadataOptions"]["httpTokens"] == "required"
    assert lt["metadataOptions"]["httpPutResponseHopLimit"] == 1
    (root,) = lt["blockDeviceMappings"]
    assert root["deviceName"] == "/dev/xvda"
    assert root["ebs"] == {"encrypted": "true", "kmsKeyId": KEY_ARN, "volumeType": "gp3", "volumeSize": 30,
                           "deleteOnTermination": "true"}
    (nic,) = lt["networkInterfaces"]
    assert nic["associatePublicIpAddress"] == "false"
    assert nic["securityGroups"] == [SG]
    assert lt["iamInstanceProfile"] == {"name": PROFILE}
    assert lt["monitoring"] == {"enabled": True}
    assert lt["imageId"] == "resolve:ssm:/lz/dev/ids/sensor-ami"
    assert lt["instanceType"] == "c6i.large"
    for spec in lt["tagSpecifications"]:
        assert spec["tags"]["Patch Group"] == "lz-dev"


def test_user_data_carries_every_setting(graph: ResourceGraph) -> None:
    assert user_data(graph) == {
        "environment": "dev", "region": "eu-west-1", "mode": "alb-proxy", "upstream_url": UPSTREAM,
        "proxy_port": 8080, "rate_limit_per_second": 50, "rate_limit_burst": 100, "log_groups": LOGS,
        "wazuh_manager": None, "golden_image": True, "clamav_on_access": True,
        "internal_cidrs": ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
        "upstream_ca_file": "/etc/pki/tls/certs/ca-bundle.crt", "upstream_tls_name": None}


def test_spec_changes_reach_the_template() -> None:
    graph = capture({"goldenImage": False, "detailedMonitoring": False, "volumeSizeGb": 50, "proxyPort": 8443,
                     "rateLimitPerSecond": 7, "wazuhManager": "wazuh.internal"})
    lt = graph.only(LT).inputs
    assert lt["imageId"] == "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
    assert lt["monitoring"] == {"enabled": False}
    assert lt["blockDeviceMappings"][0]["ebs"]["volumeSize"] == 50
    settings = user_data(graph)
    assert (settings["proxy_port"], settings["rate_limit_per_second"]) == (8443, 7)
    assert (settings["golden_image"], settings["wazuh_manager"]) == (False, "wazuh.internal")


def test_group_spans_every_subnet_and_rolls_on_template_changes(graph: ResourceGraph) -> None:
    asg = graph.only(ASG).inputs
    assert asg["vpcZoneIdentifiers"] == SUBNETS
    assert (asg["minSize"], asg["maxSize"], asg["desiredCapacity"]) == (2, 4, 2)
    assert asg["healthCheckType"] == "ELB"
    assert asg["healthCheckGracePeriod"] == 300
    assert asg["instanceRefresh"] == {"strategy": "Rolling", "preferences": {"minHealthyPercentage": 50}}
    assert asg["launchTemplate"]["id"] == graph.only(LT).id
    assert asg["launchTemplate"]["version"] == "1"  # a number, not $Latest: changes start a refresh
    assert asg["targetGroupArns"] == [SENSOR_TG]  # the edge's group
    tags = {t["key"]: t for t in asg["tags"]}
    assert tags["Patch Group"]["value"] == "lz-dev"
    assert all(t["propagateAtLaunch"] is True for t in tags.values())
    assert {"environment", "owner", "data-classification", "managed-by", "Name"} <= set(tags)


def test_snort_alerts_are_counted_and_alarmed(graph: ResourceGraph) -> None:
    metric_filter = graph.only("aws:cloudwatch/logMetricFilter:LogMetricFilter").inputs
    assert metric_filter["logGroupName"] == LOGS["snort"]
    assert metric_filter["metricTransformation"]["namespace"] == "LandingZone/IDS"
    assert metric_filter["metricTransformation"]["name"] == "SnortAlerts"
    alarm = graph.only("aws:cloudwatch/metricAlarm:MetricAlarm").inputs
    assert (alarm["namespace"], alarm["metricName"]) == ("LandingZone/IDS", "SnortAlerts")
    assert alarm["alarmActions"] == [TOPIC_ARN]
    assert alarm["threshold"] == 1
    assert alarm["comparisonOperator"] == "GreaterThanOrEqualToThreshold"


def test_gwlb_mode_builds_the_gateway_endpoints_and_routes(gwlb_graph: ResourceGraph) -> None:
    types = Counter(r.type for r in gwlb_graph.resources)
    assert types[LB] == 1 and types["aws:ec2/vpcEndpoint:VpcEndpoint"] == 2 and types[ROUTE] == 6
    gwlb = gwlb_graph.only(LB)
    assert gwlb.inputs["loadBalancerType"] == "gateway"
    assert gwlb.inputs["subnets"] == SUBNETS
    tg = gwlb_graph.only(TG).inputs
    assert (tg["protocol"], tg["port"]) == ("GENEVE", 6081)
    assert tg["healthCheck"]["protocol"] == "TCP" and tg["healthCheck"]["port"] == "8080"
    listener = gwlb_graph.only("aws:lb/listener:Listener").inputs
    assert "port" not in listener and listener["defaultActions"][0]["targetGroupArn"] == gwlb_graph.only(TG).id
    service = gwlb_graph.only("aws:ec2/vpcEndpointService:VpcEndpointService").inputs
    assert service["acceptanceRequired"] is False
    assert service["allowedPrincipals"] == [ACCOUNT.root_arn]
    assert service["gatewayLoadBalancerArns"] == [gwlb.outputs["arn"]]
    endpoints = gwlb_graph.by_type("aws:ec2/vpcEndpoint:VpcEndpoint")
    assert [e.inputs["subnetIds"] for e in endpoints] == [["subnet-gwlbe-a"], ["subnet-gwlbe-b"]]
    assert {e.inputs["vpcEndpointType"] for e in endpoints} == {"GatewayLoadBalancer"}
    assert user_data(gwlb_graph)["mode"] == "gwlb"


def test_gwlb_routes_are_exactly_the_documented_ones(gwlb_graph: ResourceGraph) -> None:
    edge = gwlb_graph.get("dev-ids-edge-rt")
    assoc = gwlb_graph.only("aws:ec2/routeTableAssociation:RouteTableAssociation").inputs
    assert assoc == {"gatewayId": "igw-edge", "routeTableId": edge.id}
    endpoint = {e.id: e.name for e in gwlb_graph.by_type("aws:ec2/vpcEndpoint:VpcEndpoint")}
    routes = {
        (r.inputs["routeTableId"], r.inputs["destinationCidrBlock"],
         endpoint.get(r.inputs.get("vpcEndpointId", ""), r.inputs.get("gatewayId")))
        for r in gwlb_graph.by_type(ROUTE)
    }
    # One shared public table: both subnets go through endpoint 0 both ways, so every flow is symmetric.
    assert routes == {
        (edge.id, "10.10.0.0/22", "dev-ids-endpoint-0"), (edge.id, "10.10.4.0/22", "dev-ids-endpoint-0"),
        ("rtb-public", "0.0.0.0/1", "dev-ids-endpoint-0"), ("rtb-public", "128.0.0.0/1", "dev-ids-endpoint-0"),
        ("rtb-gwlbe", "0.0.0.0/1", "igw-edge"), ("rtb-gwlbe", "128.0.0.0/1", "igw-edge"),
    }
    assert not any(r.inputs["destinationCidrBlock"] == "0.0.0.0/0" for r in gwlb_graph.by_type(ROUTE))


@pytest.mark.parametrize(("raw", "production", "overrides", "fragment"), [
    ({"minSize": 1, "desiredSize": 1}, True, {}, "ids.minSize: 1: a production environment needs at least 2"),
    ({"desiredSize": 5}, False, {}, "ids.desiredSize: 5 is outside minSize..maxSize (2..4)"),
    ({}, False, {"log_group_names": {"snort": "/x"}}, "log_group_names: missing ['hids', 'antivirus', 'nginx']"),
    ({}, False, {"subnet_ids": []}, "subnet_ids: the sensors need at least one inspection subnet"),
    ({}, False, {"upstream_url": None}, "upstream_url: mode alb-proxy"),
    ({"mode": "gwlb"}, False, {"gwlb_routing": None}, "gwlb_routing: mode gwlb needs"),
    ({}, False, {"target_group_arn": None}, "target_group_arn: mode alb-proxy registers the sensors in the edge's"),
    ({"mode": "gwlb"}, False, {"target_group_arn": SENSOR_TG}, "target_group_arn: mode gwlb makes its own"),
])
def test_bad_input_fails_before_any_resource(raw: dict[str, Any], production: bool, overrides: dict[str, Any],
                                             fragment: str) -> None:
    with pytest.raises(ProgramError, match="ValueError") as info:
        run_function(declare(raw, production=production, **overrides))
    assert fragment in str(info.value) + info.value.traceback_text
