"""Monitoring under the mock engine: what a regression in the component would change in the graph."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import pulumi
import pytest

from components.base import AccountContext, Tagging
from components.monitoring.cis import CIS_METRIC_FILTERS
from components.monitoring.documents import topic_policy
from components.monitoring.monitoring import Monitoring
from components.monitoring.plan import plan_monitoring
from components.monitoring.spec import MonitoringSpec
from lz.graph import ResourceGraph
from lz.mock_engine import ProgramError, run_function
from tests.components.envs import env_of

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
TAGGING = Tagging("dev", "platform", "internal", {"cost-center": "42"})
KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
TRAIL_GROUP = "/lz/dev/cloudtrail"
TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:lz-dev-alerts"
SUBSCRIPTIONS = [{"protocol": "email", "endpoint": "secops@example.com"},
                 {"protocol": "https", "endpoint": "https://hooks.example.com/lz"}]

TOPIC = "aws:sns/topic:Topic"
FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter"
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
RULE = "aws:cloudwatch/eventRule:EventRule"
TARGET = "aws:cloudwatch/eventTarget:EventTarget"
DASHBOARD = "aws:cloudwatch/dashboard:Dashboard"


def declare(raw: dict[str, Any] | None = None, *, production: bool = False,
            flow_groups: Callable[[], Sequence[pulumi.Input[str]]] = lambda: ["/lz/dev/vpc-flow-logs/web"],
            ) -> Callable[[], None]:
    spec = MonitoringSpec.model_validate(raw if raw is not None else {"subscriptions": SUBSCRIPTIONS})

    def program() -> None:
        Monitoring("dev-monitoring", spec, alerts_key_arn=KEY_ARN, trail_log_group_name=TRAIL_GROUP,
                   flow_log_group_names=flow_groups(), env=env_of(TAGGING, production=production))

    return program


def capture(raw: dict[str, Any] | None = None, **kwargs: Any) -> ResourceGraph:
    return run_function(declare(raw, **kwargs), config={"aws:region": ACCOUNT.region})


@pytest.fixture(scope="module")
def graph() -> ResourceGraph:
    return capture()




def test_resource_count_and_types_for_the_default_spec(graph: ResourceGraph) -> None:
    assert Counter(r.type for r in graph.resources) == {
        "lz:monitoring:Monitoring": 1, "lz:monitoring:Alerts": 1, "lz:monitoring:Dashboard": 1,
        TOPIC: 1, "aws:sns/topicPolicy:TopicPolicy": 1, "aws:sns/topicSubscription:TopicSubscription": 2,
        FILTER: 15, ALARM: 15, RULE: 3, TARGET: 3, DASHBOARD: 1,
    }


def test_preview_and_update_register_the_same_resources(graph: ResourceGraph) -> None:
    update = run_function(declare(), config={"aws:region": ACCOUNT.region}, preview=False)
    assert sorted(r.urn for r in update.resources) == sorted(r.urn for r in graph.resources)


def test_logical_names_are_pinned(graph: ResourceGraph) -> None:
    names = {r.name for r in graph.resources}
    assert {"dev-monitoring", "dev-monitoring-alerts", "dev-monitoring-alerts-topic",
            "dev-monitoring-alerts-topic-policy", "dev-monitoring-alerts-cis-4-1-filter",
            "dev-monitoring-alerts-cis-4-15-alarm", "dev-monitoring-alerts-guardduty-findings",
            "dev-monitoring-alerts-guardduty-findings-target", "dev-monitoring-dashboard"} <= names


def test_every_resource_is_parented_inside_the_component(graph: ResourceGraph) -> None:
    root = graph.get("dev-monitoring")
    assert root is not None and root.parent is not None and root.parent.endswith("pulumi:pulumi:Stack::fixtures-test")
    urns = {r.urn for r in graph.resources}
    assert all(r.parent in urns for r in graph.resources if r is not root)


def test_topic_is_encrypted_with_the_alerts_key(graph: ResourceGraph) -> None:
    topic = graph.only(TOPIC)
    assert topic.inputs["kmsMasterKeyId"] == KEY_ARN
    assert topic.inputs["name"] == "lz-dev-alerts"


def test_taggable_resources_carry_the_landing_zone_tags(graph: ResourceGraph) -> None:
    for record in graph.by_type(TOPIC) + graph.by_type(ALARM) + graph.by_type(RULE):
        assert record.inputs["tags"]["managed-by"] == "pulumi-landing-zone", record.name
        assert record.inputs["tags"]["environment"] == "dev"
        assert record.inputs["tags"]["cost-center"] == "42"


def test_topic_policy_is_the_pure_document_on_the_topic(graph: ResourceGraph) -> None:
    policy = graph.only("aws:sns/topicPolicy:TopicPolicy")
    assert policy.inputs["arn"] == TOPIC_ARN == graph.only(TOPIC).outputs["arn"]
    expected = topic_policy(plan_monitoring(MonitoringSpec(), "dev", ACCOUNT), ACCOUNT)
    assert json.loads(policy.inputs["policy"]) == expected


def test_subscriptions_come_from_config(graph: ResourceGraph) -> None:
    subs = {(s.inputs["protocol"], s.inputs["endpoint"], s.inputs["topic"])
            for s in graph.by_type("aws:sns/topicSubscription:TopicSubscription")}
    assert subs == {("email", "secops@example.com", TOPIC_ARN), ("https", "https://hooks.example.com/lz", TOPIC_ARN)}


def test_no_subscriptions_outside_production_is_allowed() -> None:
    assert capture({}).by_type("aws:sns/topicSubscription:TopicSubscription") == []


def test_production_without_subscriptions_is_refused() -> None:
    with pytest.raises(ProgramError, match=re.escape("monitoring.subscriptions: a production environment needs")):
        capture({}, production=True)


def test_one_filter_per_cis_control_on_the_trail_log_group(graph: ResourceGraph) -> None:
    filters = {f.inputs["pattern"]: f for f in graph.by_type(FILTER)}
    assert set(filters) == {c.pattern for c in CIS_METRIC_FILTERS}
    for control in CIS_METRIC_FILTERS:
        record = filters[control.pattern]
        assert record.inputs["logGroupName"] == TRAIL_GROUP
        assert record.inputs["metricTransformation"] == {
            "name": control.metric_name, "namespace": "LandingZone/CIS", "value": "1"}


def test_every_cis_metric_has_an_alarm_that_notifies_the_topic(graph: ResourceGraph) -> None:
    alarms = {a.inputs["metricName"]: a.inputs for a in graph.by_type(ALARM)}
    assert set(alarms) == {c.metric_name for c in CIS_METRIC_FILTERS}
    for alarm in alarms.values():
        assert alarm["namespace"] == "LandingZone/CIS"
        assert alarm["statistic"] == "Sum"
        assert alarm["threshold"] == 1
        assert alarm["comparisonOperator"] == "GreaterThanOrEqualToThreshold"
        assert alarm["period"] == 300
        assert alarm["evaluationPeriods"] == 1
        assert alarm["treatMissingData"] == "notBreaching"
        assert alarm["actionsEnabled"] is True
        assert alarm["alarmActions"] == [TOPIC_ARN]


def test_alarm_period_follows_the_spec() -> None:
    graph = capture({"subscriptions": SUBSCRIPTIONS, "alarmPeriodSeconds": 60})
    assert {a.inputs["period"] for a in graph.by_type(ALARM)} == {60}


def test_publishers_wait_for_the_topic_policy(graph: ResourceGraph) -> None:
    policy = graph.only("aws:sns/topicPolicy:TopicPolicy").urn
    for record in graph.by_type(ALARM) + graph.by_type(TARGET):
        assert policy in record.dependencies, record.name


def test_finding_rules_target_the_topic(graph: ResourceGraph) -> None:
    rules = {r.inputs["name"]: r for r in graph.by_type(RULE)}
    assert set(rules) == {"lz-dev-guardduty-findings", "lz-dev-securityhub-findings", "lz-dev-config-noncompliant"}
    assert all(r.inputs["state"] == "ENABLED" for r in rules.values())
    targets = {t.inputs["rule"]: t.inputs["arn"] for t in graph.by_type(TARGET)}
    assert targets == dict.fromkeys(rules, TOPIC_ARN)


def test_guardduty_threshold_reaches_the_event_pattern() -> None:
    graph = capture({"subscriptions": SUBSCRIPTIONS, "guarddutySeverityThreshold": 5})
    rule = next(r for r in graph.by_type(RULE) if r.inputs["name"] == "lz-dev-guardduty-findings")
    assert json.loads(rule.inputs["eventPattern"])["detail"] == {"severity": [{"numeric": [">=", 5]}]}


def test_dashboard_body_lists_the_flow_log_groups_given_as_outputs() -> None:
    groups = lambda: [pulumi.Output.from_input("/lz/dev/vpc-flow-logs/web"), "/lz/dev/vpc-flow-logs/data"]  # noqa: E731
    dashboard = capture(flow_groups=groups).only(DASHBOARD)
    assert dashboard.inputs["dashboardName"] == "lz-dev"
    body = json.loads(dashboard.inputs["dashboardBody"])
    queries = [w["properties"]["query"] for w in body["widgets"] if w["type"] == "log"]
    assert queries and all(
        q.startswith("SOURCE '/lz/dev/vpc-flow-logs/web' | SOURCE '/lz/dev/vpc-flow-logs/data'") for q in queries)
    (alarm_widget,) = [w for w in body["widgets"] if w["type"] == "alarm"]
    assert len(alarm_widget["properties"]["alarms"]) == 15


def test_dashboard_alarm_arns_are_the_created_alarms(graph: ResourceGraph) -> None:
    body = json.loads(graph.only(DASHBOARD).inputs["dashboardBody"])
    (alarm_widget,) = [w for w in body["widgets"] if w["type"] == "alarm"]
    assert set(alarm_widget["properties"]["alarms"]) == {a.outputs["arn"] for a in graph.by_type(ALARM)}


def test_dashboard_can_be_turned_off() -> None:
    graph = capture({"subscriptions": SUBSCRIPTIONS, "dashboard": False})
    assert graph.by_type(DASHBOARD) == []
    assert graph.by_type("lz:monitoring:Dashboard") == []
    assert len(graph.by_type(ALARM)) == 15
