"""`landing-zone:ids` and `landing-zone:ingress` validation: each error with its path, and the production rules."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from components.ids.fleet_plan import plan_gwlb_routes
from components.ids.spec import TLS13_POLICIES, IdsSpec, IngressSpec, ids_issues, ingress_issues

CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"


def errors(model: type[BaseModel], raw: dict[str, Any]) -> dict[tuple[Any, ...], str]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(raw)
    return {tuple(e["loc"]): str(e["msg"]) for e in info.value.errors()}


def test_defaults_are_secure() -> None:
    ids = IdsSpec()
    assert (ids.mode, ids.proxy_port, ids.golden_image, ids.detailed_monitoring) == ("alb-proxy", 8080, True, True)
    assert (ids.min_size, ids.desired_size, ids.max_size) == (2, 2, 4)
    ingress = IngressSpec()
    assert ingress.enabled and ingress.deletion_protection
    assert ingress.tls_policy == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    assert ingress.waf_rate_limit == 2000
    assert ingress.managed_rule_groups == ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]
    assert list(ids_issues(ids, True)) == []


def test_every_field_is_described() -> None:
    for model in (IdsSpec, IngressSpec):
        for name, field in model.model_fields.items():
            assert field.description, name


@pytest.mark.parametrize(("raw", "path", "fragment"), [
    ({"mode": "inline"}, ("mode",), "'alb-proxy' or 'gwlb'"),
    ({"instanceType": "large"}, ("instanceType",), "is not an EC2 instance type"),
    ({"instanceType": "c7g.large"}, ("instanceType",), "Graviton"),
    ({"instanceType": "t4g.medium"}, ("instanceType",), "Graviton"),
    ({"proxyPort": 80}, ("proxyPort",), "greater than or equal to 1024"),
    ({"proxyPort": 6081}, ("proxyPort",), "reserved (GENEVE)"),
    ({"wazuhManager": "not a host"}, ("wazuhManager",), "not a host name or IPv4 address"),
    ({"imageSchedule": "weekly"}, ("imageSchedule",), "not an EventBridge schedule"),
    ({"volumeSizeGb": 4}, ("volumeSizeGb",), "greater than or equal to 8"),
    ({"rateLimitPerSecond": 0}, ("rateLimitPerSecond",), "greater than or equal to 1"),
    ({"snortRules": []}, ("snortRules",), "Extra inputs are not permitted"),
])
def test_ids_errors_name_their_path(raw: dict[str, Any], path: tuple[str, ...], fragment: str) -> None:
    found = errors(IdsSpec, raw)
    assert list(found) == [path]
    assert fragment in found[path]


def test_valid_instance_types_and_managers() -> None:
    for instance_type in ("c6i.large", "m7i-flex.xlarge", "t3.medium", "c5n.18xlarge", "g5.xlarge"):
        assert IdsSpec(instance_type=instance_type).instance_type == instance_type
    for manager in ("wazuh.internal.example.com", "10.0.0.5"):
        assert IdsSpec(wazuh_manager=manager).wazuh_manager == manager


@pytest.mark.parametrize(("raw", "production", "expected"), [
    ({"minSize": 1, "desiredSize": 1}, True, [("ids.minSize", "1: a production environment needs at least 2 "
                                                "sensors, or one AZ failure stops all inspected traffic")]),
    ({"minSize": 1, "desiredSize": 1}, False, []),
    ({"minSize": 5}, False, [("ids.minSize", "5 is greater than maxSize 4"),
                             ("ids.desiredSize", "2 is outside minSize..maxSize (5..4)")]),
    ({"desiredSize": 6}, False, [("ids.desiredSize", "6 is outside minSize..maxSize (2..4)")]),
])
def test_ids_issues(raw: dict[str, Any], production: bool, expected: list[tuple[str, str]]) -> None:
    assert list(ids_issues(IdsSpec.model_validate(raw), production)) == expected


@pytest.mark.parametrize(("raw", "path", "fragment"), [
    ({"certificateArn": "arn:aws:iam::123456789012:server-certificate/x"}, ("certificateArn",),
     "is not an ACM certificate ARN"),
    ({"internalCertificateArn": "cert"}, ("internalCertificateArn",), "is not an ACM certificate ARN"),
    ({"tlsPolicy": "ELBSecurityPolicy-2016-08"}, ("tlsPolicy",), "is not one of the TLS 1.3 policies"),
    ({"tlsPolicy": "ELBSecurityPolicy-FS-1-2-Res-2020-10"}, ("tlsPolicy",), "is not one of the TLS 1.3 policies"),
    ({"wafRateLimit": 99}, ("wafRateLimit",), "greater than or equal to 100"),
    ({"wafRateLimit": 2_000_000_001}, ("wafRateLimit",), "less than or equal to 2000000000"),
    ({"managedRuleGroups": ["CommonRuleSet"]}, ("managedRuleGroups",), "not AWS managed rule group names"),
    ({"managedRuleGroups": ["AWSManagedRulesSQLiRuleSet"] * 2}, ("managedRuleGroups",), "more than once"),
    ({"accessLogPrefix": "/alb"}, ("accessLogPrefix",), "lowercase segments"),
    ({"accessLogPrefix": "x/AWSLogs"}, ("accessLogPrefix",), "without 'AWSLogs'"),
    ({"wafLogRetentionDays": 100}, ("wafLogRetentionDays",), "not a CloudWatch retention value"),
    ({"appHealthCheckPath": "healthz"}, ("appHealthCheckPath",), "should match pattern"),
])
def test_ingress_errors_name_their_path(raw: dict[str, Any], path: tuple[str, ...], fragment: str) -> None:
    found = errors(IngressSpec, raw)
    assert list(found) == [path]
    assert fragment in found[path]


def test_every_tls13_policy_is_accepted() -> None:
    for policy in TLS13_POLICIES:
        assert IngressSpec(tls_policy=policy).tls_policy == policy


HOST = "app.internal.example.com"
CERTS = {"certificateArn": CERT, "internalCertificateArn": CERT, "internalHostName": HOST}


@pytest.mark.parametrize(("raw", "production", "paths"), [
    ({}, False, ["ingress.certificateArn", "ingress.internalCertificateArn", "ingress.internalHostName"]),
    ({"enabled": False}, True, []),
    (CERTS, True, []),
    ({**CERTS, "deletionProtection": False}, True,
     ["ingress.deletionProtection"]),
    ({**CERTS, "deletionProtection": False}, False, []),
    ({**CERTS, "wafLogRetentionDays": 90}, True,
     ["ingress.wafLogRetentionDays"]),
])
def test_ingress_issues(raw: dict[str, Any], production: bool, paths: list[str]) -> None:
    assert [p for p, _ in ingress_issues(IngressSpec.model_validate(raw), production)] == paths


def test_gwlb_route_plan_keeps_each_flow_on_one_endpoint() -> None:
    per_az = plan_gwlb_routes(["10.0.0.0/24", "10.0.1.0/24"], protected_tables=2, endpoint_tables=2, endpoints=2)
    edge = {r.destination: r.endpoint_index for r in per_az if r.table == "edge"}
    back = {r.table_index: r.endpoint_index for r in per_az if r.table == "protected"}
    assert edge == {"10.0.0.0/24": 0, "10.0.1.0/24": 1} and back == {0: 0, 1: 1}
    assert {r.destination for r in per_az if r.table != "edge"} == {"0.0.0.0/1", "128.0.0.0/1"}
    with pytest.raises(ValueError, match="one shared table or one per subnet"):
        plan_gwlb_routes(["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"], 2, 1, 2)
    with pytest.raises(ValueError, match="at least one endpoint"):
        plan_gwlb_routes(["10.0.0.0/24"], 1, 1, 0)
