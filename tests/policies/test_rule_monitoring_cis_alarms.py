"""cis_4_1 .. cis_4_15 *_monitored: a metric filter with the control's key selectors feeds an alarm that
notifies. One family; the patterns are exported for the landing zone as CIS_PATTERNS."""

from typing import Any

import pulumi_aws as aws
import pytest
from fixtures import unknown
from harness import rule, violations

from lz.graph import ResourceGraph
from lz.mock_engine import run_function
from policies.framework import StackRule
from policies.rules._lib.audit import CIS_METRIC_FILTERS, CIS_PATTERNS

RULES = {
    "4.1": "cis_4_1_unauthorized_api_calls_monitored",
    "4.2": "cis_4_2_console_login_without_mfa_monitored",
    "4.3": "cis_4_3_root_usage_monitored",
    "4.4": "cis_4_4_iam_policy_changes_monitored",
    "4.5": "cis_4_5_cloudtrail_config_changes_monitored",
    "4.6": "cis_4_6_console_auth_failures_monitored",
    "4.7": "cis_4_7_cmk_disable_or_deletion_monitored",
    "4.8": "cis_4_8_s3_bucket_policy_changes_monitored",
    "4.9": "cis_4_9_config_changes_monitored",
    "4.10": "cis_4_10_security_group_changes_monitored",
    "4.11": "cis_4_11_nacl_changes_monitored",
    "4.12": "cis_4_12_network_gateway_changes_monitored",
    "4.13": "cis_4_13_route_table_changes_monitored",
    "4.14": "cis_4_14_vpc_changes_monitored",
    "4.15": "cis_4_15_organizations_changes_monitored",
}
TOPIC = "arn:aws:sns:us-east-1:123456789012:security-alerts"


def monitor(name: str, pattern: Any, *, namespace: str = "CISBenchmark", alarm_namespace: str | None = None,
            actions: list[str] | None = None, actions_enabled: bool | None = None, query: bool = False) -> None:
    """A metric filter on the trail's log group and an alarm on its metric."""
    flt = aws.cloudwatch.LogMetricFilter(
        f"{name}-filter", log_group_name="cloudtrail", pattern=pattern,
        metric_transformation=aws.cloudwatch.LogMetricFilterMetricTransformationArgs(
            name=name, namespace=namespace, value="1"))
    watched = dict(metric_name=flt.metric_transformation.name, namespace=alarm_namespace or namespace)
    common: dict[str, Any] = dict(comparison_operator="GreaterThanOrEqualToThreshold", evaluation_periods=1,
                                  threshold=1, alarm_actions=[TOPIC] if actions is None else actions,
                                  actions_enabled=actions_enabled)
    if query:
        aws.cloudwatch.MetricAlarm(f"{name}-alarm", metric_queries=[aws.cloudwatch.MetricAlarmMetricQueryArgs(
            id="m1", return_data=True, metric=aws.cloudwatch.MetricAlarmMetricQueryMetricArgs(
                period=300, stat="Sum", **watched))], **common)
    else:
        aws.cloudwatch.MetricAlarm(f"{name}-alarm", period=300, statistic="Sum", **watched, **common)


def only_the_trail_log_group() -> None:
    aws.cloudwatch.LogGroup("cloudtrail")


def failing(graph: ResourceGraph, config: dict[str, Any] | None = None) -> set[str]:
    return {control for control, rid in RULES.items() if violations(rid, graph, config)}


def test_the_family_is_one_presence_rule_per_cis_control() -> None:
    assert set(CIS_PATTERNS) == set(RULES) == set(CIS_METRIC_FILTERS)
    for control, rid in RULES.items():
        the_rule = rule(rid)
        assert isinstance(the_rule, StackRule)
        assert the_rule.frameworks["cis-aws-3.0"] == (control,)
        assert the_rule.severity == ("medium" if control == "4.3" else "low")


def test_every_exported_pattern_satisfies_its_own_control_and_no_other() -> None:
    for control, pattern in CIS_PATTERNS.items():
        satisfied = {c for c, spec in CIS_METRIC_FILTERS.items() if not spec.missing(pattern)}
        assert satisfied == {control}


def test_the_landing_zone_patterns_with_alarms_satisfy_every_control() -> None:
    def program() -> None:
        for control, pattern in CIS_PATTERNS.items():
            monitor(f"cis-{control.replace('.', '-')}", pattern)

    assert failing(run_function(program)) == set()


def test_an_empty_stack_fails_every_control_at_stack_level() -> None:
    graph = run_function(only_the_trail_log_group)
    assert failing(graph) == set(RULES)
    [only] = violations(RULES["4.3"], graph)["<stack>"]
    assert only.message == "CIS 4.3 (use of the root user) is not monitored: no metric filter matches the CIS pattern"


def declare_mixed() -> None:
    monitor("unauthorized-reformatted", "{($.errorCode=*UnauthorizedOperation)||($.errorCode='x')||"
                                        "($.errorCode = \"AccessDenied*\")}")
    monitor("no-mfa-silent", CIS_PATTERNS["4.2"], actions=[])
    monitor("root-by-query", CIS_PATTERNS["4.3"], query=True)
    monitor("iam-prefix-only", "{ ($.eventName = CreatePolicyVersionX) || " + CIS_PATTERNS["4.4"].replace(
        "($.eventName = CreatePolicyVersion) ||", "")[1:])
    monitor("trail-other-namespace", CIS_PATTERNS["4.5"], alarm_namespace="Other")
    monitor("auth-failures-disabled", CIS_PATTERNS["4.6"], actions_enabled=False)
    for control in ("4.7", "4.8", "4.9", "4.10", "4.11", "4.12", "4.14", "4.15"):
        monitor(f"cis-{control.replace('.', '-')}", CIS_PATTERNS[control])
    monitor("routes-no-source", CIS_PATTERNS["4.13"].replace("($.eventSource = ec2.amazonaws.com) && ", ""))


MIXED = run_function(declare_mixed)


def test_fails_exactly_the_controls_without_a_matching_filter_and_notifying_alarm() -> None:
    assert failing(MIXED) == {"4.2", "4.4", "4.5", "4.6", "4.13"}


def test_messages_say_what_is_missing() -> None:
    [silent] = violations(RULES["4.2"], MIXED)["<stack>"]
    assert silent.message.endswith("metric filter no-mfa-silent-filter matches but no alarm on its metric "
                                   "has alarm_actions")
    [prefix] = violations(RULES["4.4"], MIXED)["<stack>"]
    assert prefix.message.endswith("metric filter iam-prefix-only-filter lacks $.eventName = CreatePolicyVersion")


def test_a_console_failure_filter_does_not_count_for_logins_without_mfa() -> None:
    def program() -> None:
        monitor("failures", CIS_PATTERNS["4.6"])

    assert failing(run_function(program)) == set(RULES) - {"4.6"}


def test_unknown_pattern_during_preview_is_cannot_decide_unless_another_filter_decides() -> None:
    def pending_only() -> None:
        monitor("pending", unknown(CIS_PATTERNS["4.3"]))

    def pending_and_known() -> None:
        monitor("pending", unknown(CIS_PATTERNS["4.3"]))
        monitor("known", CIS_PATTERNS["4.3"])

    [only] = violations(RULES["4.3"], run_function(pending_only))["<stack>"]
    assert only.message.startswith("cannot decide: pattern")
    assert violations(RULES["4.3"], run_function(pending_and_known)) == {}


@pytest.mark.parametrize("control", ["4.1", "4.10"])
def test_stack_level_failures_are_not_exempted_by_resource_patterns(control: str) -> None:
    graph = run_function(only_the_trail_log_group)
    assert set(violations(RULES[control], graph, {"exemptions": ["*"]})) == {"<stack>"}
