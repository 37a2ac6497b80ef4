"""AuditSpec: secure defaults, known-name validation with paths, production checks."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from components.audit.catalog import CONFIG_RULES, DEFAULT_CONFIG_RULES, standard_arn
from components.audit.spec import AuditSpec, audit_issues
from components.base import AccountContext


def errors_of(raw: dict[str, Any]) -> dict[tuple[Any, ...], str]:
    with pytest.raises(ValidationError) as exc:
        AuditSpec.model_validate(raw)
    return {tuple(e["loc"]): e["msg"] for e in exc.value.errors()}


def test_empty_config_is_valid_and_secure() -> None:
    spec = AuditSpec.model_validate({})
    assert spec.trail.s3_data_events is True
    assert spec.trail.log_group_retention_days == 365
    assert spec.guard_duty.finding_publishing_frequency == "FIFTEEN_MINUTES"
    assert spec.security_hub.standards == [
        "cis-aws-foundations-benchmark/v/3.0.0", "aws-foundational-security-best-practices/v/1.0.0"]
    assert spec.config_recorder.rules() == DEFAULT_CONFIG_RULES
    assert len(DEFAULT_CONFIG_RULES) >= 10
    assert list(audit_issues(spec, production=True)) == []


@pytest.mark.parametrize(("raw", "loc", "fragment"), [
    ({"trail": {"logGroupRetentionDays": 366}}, ("trail", "logGroupRetentionDays"),
     "366 is not a CloudWatch retention value"),
    ({"guardDuty": {"findingPublishingFrequency": "HOURLY"}}, ("guardDuty", "findingPublishingFrequency"),
     "'FIFTEEN_MINUTES', 'ONE_HOUR' or 'SIX_HOURS'"),
    ({"securityHub": {"standards": ["cis/v/9"]}}, ("securityHub", "standards"), "unknown standard(s) ['cis/v/9']"),
    ({"securityHub": {"standards": ["pci-dss/v/3.2.1", "pci-dss/v/3.2.1"]}}, ("securityHub", "standards"),
     "listed more than once"),
    ({"configRecorder": {"disableRules": ["NOT_A_RULE"]}}, ("configRecorder", "disableRules"),
     "unknown Config rule(s) ['NOT_A_RULE'] in disableRules"),
    ({"configRecorder": {"enableRules": ["ELB_LOGGING_ENABLED"], "disableRules": ["ELB_LOGGING_ENABLED"]}},
     ("configRecorder",), "both enabled and disabled"),
    ({"configRecorder": {"recordingFrequency": "HOURLY"}}, ("configRecorder", "recordingFrequency"), "CONTINUOUS"),
    ({"trial": {}}, ("trial",), "Extra inputs"),
])
def test_schema_errors_name_path_and_value(raw: dict[str, Any], loc: tuple[str, ...], fragment: str) -> None:
    errors = errors_of(raw)
    assert loc in errors, errors
    assert fragment in errors[loc]


def test_rule_selection_adds_and_removes_known_rules() -> None:
    spec = AuditSpec.model_validate({"configRecorder": {
        "enableRules": ["ELB_LOGGING_ENABLED"], "disableRules": ["SNS_ENCRYPTED_KMS"]}})
    rules = spec.config_recorder.rules()
    assert "ELB_LOGGING_ENABLED" in rules and "SNS_ENCRYPTED_KMS" not in rules
    assert len(rules) == len(DEFAULT_CONFIG_RULES)
    assert set(rules) <= set(CONFIG_RULES)


def test_production_issues_are_reported_with_paths() -> None:
    weak = AuditSpec.model_validate({
        "trail": {"s3DataEvents": False, "logGroupRetentionDays": 90},
        "configRecorder": {"disableRules": ["CLOUD_TRAIL_ENABLED", "SNS_ENCRYPTED_KMS"]},
        "securityHub": {"standards": ["pci-dss/v/4.0.1"]},
    })
    issues = list(audit_issues(weak, production=True))
    assert issues == [
        ("audit.trail.logGroupRetentionDays", "90: production keeps trail logs >= 365 days"),
        ("audit.trail.s3DataEvents", "false: production records S3 data events (CIS 3.8, 3.9)"),
        ("audit.configRecorder.disableRules", "['CLOUD_TRAIL_ENABLED'] cannot be disabled in production"),
        ("audit.securityHub.standards", "production subscribes 'cis-aws-foundations-benchmark/v/3.0.0'"),
        ("audit.securityHub.standards",
         "production subscribes 'aws-foundational-security-best-practices/v/1.0.0'"),
    ]
    assert list(audit_issues(weak, production=False)) == []


def test_standard_arns() -> None:
    account = AccountContext("123456789012", "eu-west-1")
    assert standard_arn(account, "cis-aws-foundations-benchmark/v/3.0.0") == (
        "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0")
    assert standard_arn(account, "cis-aws-foundations-benchmark/v/1.2.0") == (
        "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0")
