"""IngressEdge under the mock engine: TLS 1.3 listeners, the HTTP redirect, access logs, WAF, deletion protection."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from components.base import Tagging
from components.ids.ingress import IngressEdge
from components.ids.spec import IdsSpec, IngressSpec
from components.ids.userdata import SENSOR_HEALTH_PATH
from lz.graph import ResourceGraph, ResourceRecord
from lz.mock_engine import ProgramError, run_function
from tests.components.envs import env_of

TAGGING = Tagging("dev", "platform", "internal", {})
CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
INTERNAL_CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/66666666-7777-8888-9999-000000000000"
KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
PUBLIC_SUBNETS = ["subnet-pub-a", "subnet-pub-b"]
APP_SUBNETS = ["subnet-app-a", "subnet-app-b"]
BUCKET = "lz-dev-elb-logs"
BASE = {"certificateArn": CERT, "internalCertificateArn": INTERNAL_CERT, "internalHostName": "app.internal.example.com"}

LB = "aws:lb/loadBalancer:LoadBalancer"
LISTENER = "aws:lb/listener:Listener"
ACL = "aws:wafv2/webAcl:WebAcl"


def declare(raw: dict[str, Any] | None = None, *, production: bool = False, sensors: dict[str, Any] | None = None,
            sensor_vpc: str | None = "vpc-edge"):
    spec = IngressSpec.model_validate({**BASE, **(raw or {})})
    ids = IdsSpec.model_validate(sensors if sensors is not None else {})

    def program() -> None:
        IngressEdge("dev-ingress", spec, public_subnet_ids=PUBLIC_SUBNETS, public_security_group_id="sg-public",
                    app_vpc_id="vpc-workloads", app_subnet_ids=APP_SUBNETS, app_security_group_id="sg-app",
                    access_log_bucket_name=BUCKET, logs_key_arn=KEY_ARN, env=env_of(TAGGING, production=production),
                    sensors=ids, sensor_vpc_id=sensor_vpc)

    return program


def capture(raw: dict[str, Any] | None = None, **kwargs: Any) -> ResourceGraph:
    return run_function(declare(raw, **kwargs), config={"aws:region": "eu-west-1"})


@pytest.fixture(scope="module")
def graph() -> ResourceGraph:
    return capture()


def alb(graph: ResourceGraph, key: str) -> ResourceRecord:
    return graph.get(f"dev-ingress-{key}-alb")


def test_resources_and_parents(graph: ResourceGraph) -> None:
    assert Counter(r.type for r in graph.resources) == {
        "lz:ids:IngressEdge": 1, LB: 2, LISTENER: 3, "aws:lb/targetGroup:TargetGroup": 2, ACL: 1,
        "aws:wafv2/webAclAssociation:WebAclAssociation": 1, "aws:cloudwatch/logGroup:LogGroup": 1,
        "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": 1}
    edge = graph.get("dev-ingress")
    assert all(r.parent == edge.urn for r in graph.resources if r.custom)


def test_public_and_internal_load_balancers(graph: ResourceGraph) -> None:
    public, internal = alb(graph, "public").inputs, alb(graph, "internal").inputs
    assert (public["internal"], public["subnets"], public["securityGroups"]) == (False, PUBLIC_SUBNETS, ["sg-public"])
    assert (internal["internal"], internal["subnets"], internal["securityGroups"]) == (True, APP_SUBNETS, ["sg-app"])
    for lb in (public, internal):
        assert lb["loadBalancerType"] == "application"
        assert lb["dropInvalidHeaderFields"] is True
        assert lb["enableDeletionProtection"] is True
        assert lb["accessLogs"] == {"bucket": BUCKET, "enabled": True}


def test_access_log_prefix_and_deletion_protection_follow_the_spec() -> None:
    graph = capture({"accessLogPrefix": "alb", "deletionProtection": False})
    assert alb(graph, "public").inputs["accessLogs"]["prefix"] == "alb/edge"
    assert alb(graph, "internal").inputs["accessLogs"]["prefix"] == "alb/app"
    assert {alb(graph, k).inputs["enableDeletionProtection"] for k in ("public", "internal")} == {False}


def test_https_listeners_use_tls13_and_the_right_certificates(graph: ResourceGraph) -> None:
    https = graph.get("dev-ingress-https").inputs
    assert (https["protocol"], https["port"], https["certificateArn"]) == ("HTTPS", 443, CERT)
    assert https["sslPolicy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    sensors = graph.get("dev-ingress-sensor-targets").outputs["arn"]
    assert https["defaultActions"] == [{"type": "forward", "targetGroupArn": sensors}]
    internal = graph.get("dev-ingress-internal-https").inputs
    assert (internal["protocol"], internal["certificateArn"]) == ("HTTPS", INTERNAL_CERT)
    assert internal["sslPolicy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    assert internal["loadBalancerArn"] == alb(graph, "internal").outputs["arn"]
    assert internal["defaultActions"][0]["targetGroupArn"] == graph.get("dev-ingress-app-targets").outputs["arn"]
    assert capture({"tlsPolicy": "ELBSecurityPolicy-TLS13-1-3-2021-06"}).get(
        "dev-ingress-https").inputs["sslPolicy"] == "ELBSecurityPolicy-TLS13-1-3-2021-06"


def test_http_only_redirects(graph: ResourceGraph) -> None:
    http = graph.get("dev-ingress-http").inputs
    assert (http["protocol"], http["port"]) == ("HTTP", 80)
    assert http["defaultActions"] == [
        {"type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"}}]
    assert http["loadBalancerArn"] == alb(graph, "public").outputs["arn"]


def test_web_acl_rules_association_and_logging(graph: ResourceGraph) -> None:
    acl = graph.get("dev-ingress-web-acl")
    assert acl.inputs["scope"] == "REGIONAL"
    assert acl.inputs["defaultAction"] == {"allow": {}}
    rate, *managed = acl.inputs["rules"]
    assert rate["statement"]["rateBasedStatement"] == {"aggregateKeyType": "IP", "limit": 2000}
    assert rate["action"] == {"block": {}}
    assert [m["statement"]["managedRuleGroupStatement"] for m in managed] == [
        {"name": "AWSManagedRulesCommonRuleSet", "vendorName": "AWS"},
        {"name": "AWSManagedRulesKnownBadInputsRuleSet", "vendorName": "AWS"}]
    assert all(m["overrideAction"] == {"none": {}} for m in managed)
    assert [r["priority"] for r in acl.inputs["rules"]] == [0, 1, 2]
    for visibility in [acl.inputs["visibilityConfig"], *(r["visibilityConfig"] for r in acl.inputs["rules"])]:
        assert visibility["cloudwatchMetricsEnabled"] is True and visibility["sampledRequestsEnabled"] is True
    association = graph.get("dev-ingress-web-acl-alb").inputs
    assert association == {"resourceArn": alb(graph, "public").outputs["arn"], "webAclArn": acl.outputs["arn"]}
    group = graph.get("dev-ingress-waf-logs").inputs
    assert (group["name"], group["kmsKeyId"], group["retentionInDays"]) == ("aws-waf-logs-dev", KEY_ARN, 365)
    logging = graph.get("dev-ingress-waf-logging").inputs
    assert logging["resourceArn"] == acl.outputs["arn"]
    assert logging["logDestinationConfigs"] == [graph.get("dev-ingress-waf-logs").outputs["arn"]]


def test_rate_limit_and_rule_groups_follow_the_spec() -> None:
    acl = capture({"wafRateLimit": 500, "managedRuleGroups": ["AWSManagedRulesSQLiRuleSet"]}).get(
        "dev-ingress-web-acl").inputs
    assert [r["name"] for r in acl["rules"]] == ["rate-limit-per-ip", "AWSManagedRulesSQLiRuleSet"]
    assert acl["rules"][0]["statement"]["rateBasedStatement"]["limit"] == 500


def test_the_edge_owns_the_sensors_target_group_on_their_proxy_port(graph: ResourceGraph) -> None:
    targets = graph.get("dev-ingress-sensor-targets").inputs
    assert (targets["protocol"], targets["port"], targets["vpcId"], targets["targetType"]) == (
        "HTTP", 8080, "vpc-edge", "instance")
    assert targets["name"] == "lz-dev-ids-sensors"  # the name it had as the fleet's
    assert (targets["healthCheck"]["protocol"], targets["healthCheck"]["path"]) == ("HTTP", SENSOR_HEALTH_PATH)
    assert capture(sensors={"proxyPort": 8443}).get("dev-ingress-sensor-targets").inputs["port"] == 8443


@pytest.mark.parametrize("sensors", [None, {"mode": "gwlb"}])
def test_without_proxied_sensors_https_forwards_to_the_app(sensors: dict[str, Any] | None) -> None:
    def program() -> None:
        IngressEdge("dev-ingress", IngressSpec.model_validate(BASE), env=env_of(TAGGING),
                    public_subnet_ids=PUBLIC_SUBNETS, public_security_group_id="sg", app_vpc_id="vpc",
                    app_subnet_ids=APP_SUBNETS, app_security_group_id="sg-app", access_log_bucket_name=BUCKET,
                    logs_key_arn=KEY_ARN, sensors=None if sensors is None else IdsSpec.model_validate(sensors))

    graph = run_function(program)
    assert [t.name for t in graph.by_type("aws:lb/targetGroup:TargetGroup")] == ["dev-ingress-app-targets"]
    https = graph.get("dev-ingress-https").inputs
    assert https["defaultActions"][0]["targetGroupArn"] == graph.get("dev-ingress-app-targets").outputs["arn"]


@pytest.mark.parametrize(("raw", "production", "fragment"), [
    ({"certificateArn": None}, False, "ingress.certificateArn: required when ingress is enabled"),
    ({"internalCertificateArn": None}, False, "ingress.internalCertificateArn: required"),
    ({"deletionProtection": False}, True, "ingress.deletionProtection: a production environment keeps"),
    ({"enabled": False}, False, "ingress.enabled: false"),
    ({"sensorVpc": None}, False, "sensor_vpc_id: the sensors' target group (mode alb-proxy) lives in their VPC"),
])
def test_bad_input_fails_before_any_resource(raw: dict[str, Any], production: bool, fragment: str) -> None:
    with pytest.raises(ProgramError, match="ValueError") as info:
        vpc = {"sensor_vpc": raw.pop("sensorVpc")} if "sensorVpc" in raw else {}
        run_function(declare(raw, production=production, **vpc))
    assert fragment in str(info.value)
