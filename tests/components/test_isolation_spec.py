"""The isolation contract: spec defaults and errors, production floors, the plan's names, pure documents."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import parliament
import pytest
from pydantic import ValidationError

from components.base import AccountContext
from components.isolation.documents import dead_letter_policy, function_environment, function_policy, trust_policy
from components.isolation.plan import isolation_pattern, plan_isolation
from components.isolation.spec import IsolationSpec, isolation_issues

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
PLAN = plan_isolation(IsolationSpec(), "dev", ACCOUNT)
TOPIC = "arn:aws:sns:eu-west-1:123456789012:lz-dev-alerts"
KEY = "arn:aws:kms:eu-west-1:123456789012:key/0000aaaa-12ab-34cd-56ef-1234567890ab"
VPCS = ["vpc-0f1e2d3c4b5a69788", "vpc-0a1b2c3d4e5f60718"]
HANDLER = Path(__file__).resolve().parents[2] / "components" / "isolation" / "assets" / "isolate" / "handler.py"


# -- spec -----------------------------------------------------------------------------------------

def test_empty_spec_is_the_secure_default() -> None:
    spec = IsolationSpec.model_validate({})
    assert (spec.enabled, spec.severity_threshold, spec.snapshot_volumes, spec.reserved_concurrency,
            spec.log_retention_days) == (True, 7.0, True, 2, 365)
    assert list(isolation_issues(spec, production=True)) == []


def test_camel_case_keys_from_yaml() -> None:
    spec = IsolationSpec.model_validate({"severityThreshold": 8, "snapshotVolumes": False,
                                         "reservedConcurrency": None, "logRetentionDays": 731})
    assert (spec.severity_threshold, spec.snapshot_volumes, spec.reserved_concurrency,
            spec.log_retention_days) == (8.0, False, None, 731)


@pytest.mark.parametrize(("raw", "path", "message"), [
    ({"severityThreshold": 0.5}, "severityThreshold", "greater than or equal to 1"),
    ({"severityThreshold": 9}, "severityThreshold", "less than or equal to 8.9"),
    ({"reservedConcurrency": 0}, "reservedConcurrency", "greater than or equal to 1"),
    ({"logRetentionDays": 100}, "logRetentionDays", "100 is not a CloudWatch retention value"),
    ({"snapshots": True}, "snapshots", "Extra inputs are not permitted"),
])
def test_bad_values_name_the_field(raw: dict[str, Any], path: str, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        IsolationSpec.model_validate(raw)
    (error,) = info.value.errors()
    assert error["loc"] == (path,) and message in error["msg"]


def test_production_floors_are_reported_together() -> None:
    spec = IsolationSpec.model_validate({"enabled": False, "logRetentionDays": 30})
    assert [path for path, _ in isolation_issues(spec, production=True)] == [
        "isolation.enabled", "isolation.logRetentionDays"]
    assert list(isolation_issues(spec, production=False)) == []


# -- plan -----------------------------------------------------------------------------------------

def test_physical_names_and_arns_are_pinned() -> None:
    assert (PLAN.function_name, PLAN.log_group_name, PLAN.rule_name, PLAN.queue_name) == (
        "lz-dev-isolation", "/aws/lambda/lz-dev-isolation", "lz-dev-isolation-findings", "lz-dev-isolation-dlq")
    assert PLAN.rule_arn == "arn:aws:events:eu-west-1:123456789012:rule/lz-dev-isolation-findings"
    assert PLAN.queue_arn == "arn:aws:sqs:eu-west-1:123456789012:lz-dev-isolation-dlq"
    assert PLAN.log_group_arn == "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/lz-dev-isolation"


def test_pattern_matches_instances_numerically() -> None:
    assert isolation_pattern(7.0)["detail"] == {"resource": {"resourceType": ["Instance"]},
                                                "severity": [{"numeric": [">=", 7.0]}]}


# -- documents ------------------------------------------------------------------------------------

DOCUMENTS = {
    "function": function_policy(PLAN, ACCOUNT, topic_arn=TOPIC, env_key_arn=KEY, vpc_ids=VPCS),
    "trust": trust_policy(ACCOUNT),
    "dead-letter": dead_letter_policy(PLAN, ACCOUNT),
}
# Each finding parliament reports, and why it stands.
JUSTIFIED = {
    # Statements are split by resource type so each carries the condition that type supports (the
    # interface and group by ec2:Vpc, the group by its quarantine tag, the snapshot by its finding tag);
    # parliament wants every resource type of the action in one statement.
    "function": {"RESOURCE_MISMATCH"},
    # A trust policy has no Resource; parliament lints it as an identity policy.
    "trust": {"MALFORMED"},
    "dead-letter": set(),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_parliament_reports_only_the_justified_findings(name: str) -> None:
    policy = parliament.analyze_policy_string(json.dumps(DOCUMENTS[name]), include_community_auditors=True)
    assert {f.issue for f in policy.findings} == JUSTIFIED[name]


def test_resource_mismatches_are_only_the_split_statements() -> None:
    policy = parliament.analyze_policy_string(json.dumps(DOCUMENTS["function"]))
    flagged = sorted((d["action"], d["required_format"]) for f in policy.findings for d in f.detail)
    assert flagged == [
        ("ec2:CreateSnapshot", "arn:*:ec2:*:*:volume/*"), ("ec2:CreateSnapshot", "arn:*:ec2:*::snapshot/*"),
        ("ec2:ModifyNetworkInterfaceAttribute", "arn:*:ec2:*:*:network-interface/*"),
        ("ec2:ModifyNetworkInterfaceAttribute", "arn:*:ec2:*:*:network-interface/*"),
    ]


def test_every_statement_has_a_sid_and_allows() -> None:
    statements = DOCUMENTS["function"]["Statement"]
    assert len({s["Sid"] for s in statements}) == len(statements)
    assert all(s["Effect"] == "Allow" for s in statements)


def test_the_handler_reads_what_the_component_configures() -> None:
    spec = importlib.util.spec_from_file_location("lz_isolate_handler_contract", HANDLER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    plan = plan_isolation(IsolationSpec(severity_threshold=8.5, snapshot_volumes=False), "dev", ACCOUNT)
    settings = module.Settings.from_env(function_environment(plan, topic_arn=TOPIC, vpc_ids=VPCS), "123456789012")
    assert (settings.topic_arn, settings.min_severity, settings.snapshot_volumes, settings.vpc_ids) == (
        TOPIC, 8.5, False, frozenset(VPCS))
