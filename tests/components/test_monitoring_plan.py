"""Pure builders of the monitoring domain: CIS patterns, event patterns, topic policy, dashboard body."""

from __future__ import annotations

import json
import re
from typing import Any

import parliament
import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.base import AccountContext
from components.monitoring.cis import CIS_METRIC_FILTERS
from components.monitoring.documents import alerts_key_statements, dashboard_body, topic_policy
from components.monitoring.plan import plan_monitoring
from components.monitoring.spec import MonitoringSpec

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
PLAN = plan_monitoring(MonitoringSpec(), "dev", ACCOUNT)
GROUPS = ["/lz/dev/vpc-flow-logs/web", "/lz/dev/vpc-flow-logs/data"]


def findings(document: dict[str, Any]) -> list[tuple[str, Any]]:
    policy = parliament.analyze_policy_string(json.dumps(document))
    return [(f.issue, f.detail) for f in policy.findings]


# -- CIS 4.1-4.15 --------------------------------------------------------------------------------

def test_the_fifteen_cis_controls_in_order() -> None:
    assert [c.control_id for c in CIS_METRIC_FILTERS] == [f"4.{n}" for n in range(1, 16)]
    assert len({c.metric_name for c in CIS_METRIC_FILTERS}) == 15


def test_deployed_pattern_is_the_benchmark_text_except_grouping_of_4_1_and_4_13() -> None:
    regrouped = {c.control_id for c in CIS_METRIC_FILTERS if c.pattern != c.benchmark_text}
    assert regrouped == {"4.1", "4.13"}
    for control in CIS_METRIC_FILTERS:
        # Only parentheses were added: the text without them is identical.
        assert re.sub(r"[()]", "", control.pattern) == re.sub(r"[()]", "", control.benchmark_text)


@pytest.mark.parametrize(("control_id", "text"), [
    ("4.1", '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && '
            '($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }'),
    ("4.2", '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }'),
    ("4.3", '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && '
            '$.eventType != "AwsServiceEvent" }'),
    ("4.6", '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'),
    ("4.7", "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }"),
])
def test_benchmark_text_is_verbatim(control_id: str, text: str) -> None:
    assert next(c for c in CIS_METRIC_FILTERS if c.control_id == control_id).benchmark_text == text


@pytest.mark.parametrize(("control_id", "events"), [
    ("4.4", 16), ("4.5", 5), ("4.8", 9), ("4.9", 4), ("4.10", 6), ("4.11", 6), ("4.12", 6), ("4.13", 7),
    ("4.14", 11), ("4.15", 18),
])
def test_event_name_lists_are_complete(control_id: str, events: int) -> None:
    control = next(c for c in CIS_METRIC_FILTERS if c.control_id == control_id)
    assert len(re.findall(r"\$\.eventName\s*=", control.pattern)) == events


def test_patterns_are_balanced() -> None:
    for control in CIS_METRIC_FILTERS:
        depth = 0
        for char in control.pattern:
            depth += {"(": 1, ")": -1}.get(char, 0)
            assert depth >= 0, control.control_id
        assert depth == 0 and control.pattern.startswith("{") and control.pattern.endswith("}")


# -- plan: names and finding rules ---------------------------------------------------------------

def test_names_and_arns_are_fixed_per_environment() -> None:
    assert PLAN.topic_name == "lz-dev-alerts"
    assert PLAN.topic_arn == "arn:aws:sns:eu-west-1:123456789012:lz-dev-alerts"
    assert PLAN.alarms[0].alarm_name == "lz-dev-cis-4-1-UnauthorizedApiCalls"
    assert PLAN.alarms[0].alarm_arn == (
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:lz-dev-cis-4-1-UnauthorizedApiCalls")
    assert [r.name for r in PLAN.rules] == ["lz-dev-guardduty-findings", "lz-dev-securityhub-findings",
                                            "lz-dev-config-noncompliant"]
    assert PLAN.dashboard_name == "lz-dev"


def test_guardduty_rule_uses_numeric_matching_on_the_threshold() -> None:
    plan = plan_monitoring(MonitoringSpec(guardduty_severity_threshold=4.5), "dev", ACCOUNT)
    assert plan.rule("guardduty-findings").pattern == {
        "source": ["aws.guardduty"], "detail-type": ["GuardDuty Finding"],
        "detail": {"severity": [{"numeric": [">=", 4.5]}]},
    }


def test_security_hub_rule_matches_new_high_and_critical_imported_findings() -> None:
    pattern = PLAN.rule("securityhub-findings").pattern
    assert pattern["source"] == ["aws.securityhub"]
    assert pattern["detail-type"] == ["Security Hub Findings - Imported"]
    assert pattern["detail"]["findings"] == {"Severity": {"Label": ["HIGH", "CRITICAL"]},
                                             "Workflow": {"Status": ["NEW"]}}


def test_config_rule_matches_non_compliant_changes() -> None:
    pattern = PLAN.rule("config-noncompliant").pattern
    assert pattern["source"] == ["aws.config"]
    assert pattern["detail-type"] == ["Config Rules Compliance Change"]
    assert pattern["detail"]["newEvaluationResult"] == {"complianceType": ["NON_COMPLIANT"]}


def test_subscription_keys_follow_the_endpoint_not_the_position() -> None:
    a = {"protocol": "email", "endpoint": "a@example.com"}
    b = {"protocol": "https", "endpoint": "https://hooks.example.com/x"}
    first = plan_monitoring(MonitoringSpec.model_validate({"subscriptions": [a, b]}), "dev", ACCOUNT)
    swapped = plan_monitoring(MonitoringSpec.model_validate({"subscriptions": [b, a]}), "dev", ACCOUNT)
    assert {s.key for s in first.subscriptions} == {s.key for s in swapped.subscriptions}
    assert len({s.key for s in first.subscriptions}) == 2


# -- topic policy -----------------------------------------------------------------------------------

def test_topic_policy_publishers_are_exactly_cloudwatch_and_events() -> None:
    statements = topic_policy(PLAN, ACCOUNT)["Statement"]
    allowed_services = {s["Principal"]["Service"] for s in statements
                        if s["Effect"] == "Allow" and "Service" in s["Principal"]}
    assert allowed_services == {"cloudwatch.amazonaws.com", "events.amazonaws.com"}
    for statement in statements:
        assert statement["Resource"] == PLAN.topic_arn
        if statement["Effect"] == "Allow" and "Service" in statement["Principal"]:
            assert statement["Action"] == "sns:Publish"
            assert statement["Condition"]["StringEquals"] == {"aws:SourceAccount": "123456789012"}


def test_events_may_publish_only_from_the_three_finding_rules() -> None:
    events = next(s for s in topic_policy(PLAN, ACCOUNT)["Statement"] if s["Sid"] == "FindingRulesPublish")
    assert events["Condition"]["ArnEquals"]["aws:SourceArn"] == [r.arn for r in PLAN.rules]


def test_only_the_account_owner_manages_the_topic() -> None:
    statements = topic_policy(PLAN, ACCOUNT)["Statement"]
    owners = [s for s in statements if s["Effect"] == "Allow" and "AWS" in s["Principal"]]
    assert [s["Principal"]["AWS"] for s in owners] == ["arn:aws:iam::123456789012:root"]
    assert all(s["Principal"] != "*" for s in statements if s["Effect"] == "Allow")


def test_topic_policy_passes_parliament() -> None:
    assert findings(topic_policy(PLAN, ACCOUNT)) == []


def test_alerts_key_statements_are_scoped_to_the_topic() -> None:
    (statement,) = alerts_key_statements(PLAN)
    assert set(statement["Principal"]["Service"]) == {"cloudwatch.amazonaws.com", "events.amazonaws.com"}
    assert statement["Condition"] == {"StringEquals": {"kms:EncryptionContext:aws:sns:topicArn": PLAN.topic_arn}}
    # Ignored, justified: RESOURCE_STAR. In a KMS key policy "Resource": "*" means "this key" (the only
    # resource a key policy can govern); the encryption-context condition scopes it to the one topic.
    document = {"Version": "2012-10-17", "Statement": [statement]}
    assert [issue for issue, _ in findings(document)] == ["RESOURCE_STAR"]


# -- dashboard body -------------------------------------------------------------------------------

WIDGET_TYPES = {"metric", "text", "log", "alarm"}


def assert_valid_dashboard(body: dict[str, Any]) -> None:
    """The structure CloudWatch's PutDashboard accepts (Dashboard Body Structure and Syntax)."""
    json.loads(json.dumps(body))
    assert set(body) <= {"widgets", "start", "end", "periodOverride", "variables"}
    assert body["periodOverride"] in ("auto", "inherit")
    cells: set[tuple[int, int]] = set()
    for widget in body["widgets"]:
        assert widget["type"] in WIDGET_TYPES
        assert widget["x"] >= 0 and widget["x"] + widget["width"] <= 24 and widget["y"] >= 0
        assert 1 <= widget["height"] <= 1000
        area = {(x, y) for x in range(widget["x"], widget["x"] + widget["width"])
                for y in range(widget["y"], widget["y"] + widget["height"])}
        assert not area & cells, f"overlapping widget {widget}"
        cells |= area
        props = widget["properties"]
        if widget["type"] == "text":
            assert props["markdown"]
        if widget["type"] == "metric":
            assert props["region"] == ACCOUNT.region and props["metrics"]
            assert all(len(m) in (2, 4) for m in props["metrics"])
        if widget["type"] == "log":
            assert props["region"] == ACCOUNT.region and props["query"].startswith("SOURCE '")
        if widget["type"] == "alarm":
            assert 1 <= len(props["alarms"]) <= 100


def test_dashboard_body_is_valid_with_and_without_flow_log_groups() -> None:
    assert_valid_dashboard(dashboard_body(PLAN, ACCOUNT, GROUPS))
    assert_valid_dashboard(dashboard_body(PLAN, ACCOUNT, []))


def widgets_of(body: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [w["properties"] for w in body["widgets"] if w["type"] == kind]


def test_alarm_status_widget_shows_the_fifteen_cis_alarms() -> None:
    (alarms,) = widgets_of(dashboard_body(PLAN, ACCOUNT, GROUPS), "alarm")
    assert alarms["alarms"] == [a.alarm_arn for a in PLAN.alarms]


def test_flow_log_rejects_query_reads_every_group() -> None:
    logs = widgets_of(dashboard_body(PLAN, ACCOUNT, GROUPS), "log")
    assert logs, "no flow-log widget"
    for widget in logs:
        assert widget["query"].startswith(
            "SOURCE '/lz/dev/vpc-flow-logs/web' | SOURCE '/lz/dev/vpc-flow-logs/data' | filter action = \"REJECT\"")


def test_guardduty_findings_widget_counts_the_rule_matches() -> None:
    metrics = [m for w in widgets_of(dashboard_body(PLAN, ACCOUNT, GROUPS), "metric") for m in w["metrics"]]
    assert ["AWS/Events", "MatchedEvents", "RuleName", "lz-dev-guardduty-findings"] in metrics


def test_ids_placeholder_has_text_and_the_snort_metric() -> None:
    body = dashboard_body(PLAN, ACCOUNT, GROUPS)
    assert any("Intrusion detection" in t["markdown"] for t in widgets_of(body, "text"))
    metrics = [m for w in widgets_of(body, "metric") for m in w["metrics"]]
    assert ["LandingZone/IDS", "SnortAlerts"] in metrics


@given(st.lists(st.from_regex(r"/lz/[a-z]{2,8}/vpc-flow-logs/[a-z0-9-]{1,20}", fullmatch=True),
                max_size=12, unique=True))
def test_dashboard_is_valid_for_any_set_of_groups(groups: list[str]) -> None:
    assert_valid_dashboard(dashboard_body(PLAN, ACCOUNT, groups))
