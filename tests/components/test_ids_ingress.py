"""IngressEdge under the mock engine: TLS 1.3 listeners, the HTTP redirect, access logs, WAF, deletion protection."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from components.base import Tagging
from components.ids.ingress import IngressEdge
from components.ids.spec import IngressSpec
from lz.graph import ResourceGraph, ResourceRecord
from lz.mock_engine import ProgramError, run_function

TAGGING = Tagging("dev", "platform", "internal", {})
CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
INTERNAL_CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/66666666-7777-8888-9999-000000000000"
KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
SENSORS_TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/lz-dev-ids-sensors/abc"
PUBLIC_SUBNETS = ["subnet-pub-a", "subnet-pub-b"]
APP_SUBNETS = ["subnet-app-a", "subnet-app-b"]
BUCKET = "lz-dev-elb-logs"
BASE = {"certificateArn": CERT, "internalCertificateArn": INTERNAL_CERT, "internalHostName": "app.internal.example.com"}

LB = "aws:lb/loadBalancer:LoadBalancer"
LISTENER = "aws:lb/listener:Listener"
ACL = "aws:wafv2/webAcl:WebAcl"


def declare(raw: dict[str, Any] | None = None, *, production: bool = False, forward: bool = True):
    spec = IngressSpec.model_validate({**BASE, **(raw or {})})

    def program() -> None:
        IngressEdge("dev-ingress", spec, public_subnet_ids=PUBLIC_SUBNETS, public_security_group_id="sg-public",
                    app_vpc_id="vpc-workloads", app_subnet_ids=APP_SUBNETS, app_security_group_id="sg-app",
                    access_log_bucket_name=BUCKET, logs_key_arn=KEY_ARN, tagging=TAGGING, production=production,
                    forward_target_group_arn=SENSORS_TG if forward else None)

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
        "lz:ids:IngressEdge": 1, LB: 2, LISTENER: 3, "aws:lb/targetGroup:TargetGroup": 1, ACL: 1,
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
    assert https["defaultActions"] == [{"type": "forward", "targetGroupArn": SENSORS_TG}]
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


def test_forward_to_is_the_second_step_and_only_once() -> None:
    def program() -> None:
        spec = IngressSpec.model_validate(BASE)
        edge = IngressEdge("dev-ingress", spec, public_subnet_ids=PUBLIC_SUBNETS, public_security_group_id="sg",
                           app_vpc_id="vpc", app_subnet_ids=APP_SUBNETS, app_security_group_id="sg-app",
                           access_log_bucket_name=BUCKET, logs_key_arn=KEY_ARN, tagging=TAGGING, production=False)
        edge.forward_to(SENSORS_TG)
        edge.forward_to(SENSORS_TG)

    with pytest.raises(ProgramError, match="already forwards"):
        run_function(program)
    graph = capture(forward=False)
    assert {r.name for r in graph.by_type(LISTENER)} == {"dev-ingress-http", "dev-ingress-internal-https"}


@pytest.mark.parametrize(("raw", "production", "fragment"), [
    ({"certificateArn": None}, False, "ingress.certificateArn: required when ingress is enabled"),
    ({"internalCertificateArn": None}, False, "ingress.internalCertificateArn: required"),
    ({"deletionProtection": False}, True, "ingress.deletionProtection: a production environment keeps"),
    ({"enabled": False}, False, "ingress.enabled: false"),
])
def test_bad_input_fails_before_any_resource(raw: dict[str, Any], production: bool, fragment: str) -> None:
    with pytest.raises(ProgramError, match="ValueError") as info:
        run_function(declare(raw, production=production))
    assert fragment in str(info.value)
