"""The CIS 4.1-4.15 metric filters on a trail's log group and their alarms: one definition for every trail.

`cis_alarms` creates them (the environment's Alerts, on its own trail); `CisAlarms` is the same as a
component, for a trail whose alerts topic lives elsewhere (the org stack: the organization trail's
log group in the management account, the organization's alerts topic in the audit account).
"""

from __future__ import annotations

from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from ..base import Tagging, child, logical_name, type_token
from ..environment import Environment
from .plan import CIS_NAMESPACE, AlarmPlan, plan_cis_alarms
from .spec import ALARM_PERIODS


def cis_alarms(
    prefix: str,
    alarms: Sequence[AlarmPlan],
    *,
    log_group_name: pulumi.Input[str],
    topic_arn: pulumi.Input[str],
    period_seconds: int,
    tagging: Tagging,
    filter_opts: pulumi.ResourceOptions,
    alarm_opts: pulumi.ResourceOptions,
) -> dict[str, pulumi.Output[str]]:
    """`<prefix>-<4-1>-filter` and `<prefix>-<4-1>-alarm` per control; returns control id -> alarm ARN."""
    arns: dict[str, pulumi.Output[str]] = {}
    for alarm in alarms:
        control = alarm.control
        aws.cloudwatch.LogMetricFilter(
            logical_name(prefix, control.slug, "filter"), name=alarm.filter_name,
            log_group_name=log_group_name, pattern=control.pattern,
            metric_transformation=aws.cloudwatch.LogMetricFilterMetricTransformationArgs(
                name=control.metric_name, namespace=CIS_NAMESPACE, value="1"),
            opts=filter_opts)
        created = aws.cloudwatch.MetricAlarm(
            logical_name(prefix, control.slug, "alarm"), name=alarm.alarm_name,
            alarm_description=f"CIS {control.control_id}: {control.name}",
            namespace=CIS_NAMESPACE, metric_name=control.metric_name, statistic="Sum",
            period=period_seconds, evaluation_periods=1, threshold=1,
            comparison_operator="GreaterThanOrEqualToThreshold", treat_missing_data="notBreaching",
            actions_enabled=True, alarm_actions=[topic_arn],
            tags=tagging.name(alarm.alarm_name, control=f"CIS {control.control_id}"), opts=alarm_opts)
        arns[control.control_id] = created.arn
    return arns


class CisAlarms(pulumi.ComponentResource):
    """The CIS 4.x filters on `log_group_name` and alarms that notify `topic_arn` (any account's topic whose
    policy lets CloudWatch of this account publish). Children `<name>-<4-1>-filter|alarm`."""

    alarm_arns: dict[str, pulumi.Output[str]]

    def __init__(
        self,
        name: str,
        *,
        env: Environment,
        log_group_name: pulumi.Input[str],
        topic_arn: pulumi.Input[str],
        period_seconds: int = 300,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        if period_seconds not in ALARM_PERIODS:
            raise ValueError(f"CisAlarms {name}: period_seconds {period_seconds} is not one of {ALARM_PERIODS}")
        super().__init__(type_token("monitoring", "CisAlarms"), name, None, env.options(opts))
        self.alarm_arns = cis_alarms(
            name, plan_cis_alarms(env.name, env.account), log_group_name=log_group_name, topic_arn=topic_arn,
            period_seconds=period_seconds, tagging=env.tagging, filter_opts=child(self), alarm_opts=child(self))
        self.register_outputs({"alarmArns": self.alarm_arns})
