"""Monitoring: the monitoring domain's entry point, composing Alerts and (optionally) the Dashboard."""

from __future__ import annotations

from collections.abc import Sequence

import pulumi

from ..base import child, logical_name, type_token
from ..environment import Environment
from .alerts import Alerts
from .dashboard import Dashboard
from .plan import MonitoringPlan, plan_monitoring
from .spec import MonitoringSpec, monitoring_issues


class Monitoring(pulumi.ComponentResource):
    """Alerts (`<name>-alerts`) and, unless `dashboard: false`, the Dashboard (`<name>-dashboard`)."""

    plan: MonitoringPlan
    alerts: Alerts
    dashboard: Dashboard | None
    topic_arn: pulumi.Output[str]
    alarm_arns: dict[str, pulumi.Output[str]]
    rule_arns: dict[str, pulumi.Output[str]]
    dashboard_name: pulumi.Output[str] | None

    def __init__(
        self,
        name: str,
        spec: MonitoringSpec,
        *,
        env: Environment,
        alerts_key_arn: pulumi.Input[str],
        trail_log_group_name: pulumi.Input[str] | None,
        flow_log_group_names: Sequence[pulumi.Input[str]] = (),
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        account, tagging, production = env.account, env.tagging, env.production
        issues = list(monitoring_issues(spec, production))
        if issues:  # config.py reports these first; this guard keeps direct library use just as safe
            raise ValueError("; ".join(f"{path}: {message}" for path, message in issues))
        super().__init__(type_token("monitoring", "Monitoring"), name, None, env.options(opts))
        self.plan = plan_monitoring(spec, tagging.environment, account)
        self.alerts = Alerts(
            logical_name(name, "alerts"), spec, env=env, alerts_key_arn=alerts_key_arn,
            trail_log_group_name=trail_log_group_name, opts=child(self))
        self.topic_arn = self.alerts.topic_arn
        self.alarm_arns = self.alerts.alarm_arns
        self.rule_arns = self.alerts.rule_arns
        self.dashboard = None
        self.dashboard_name = None
        if self.plan.dashboard_name is not None:
            self.dashboard = Dashboard(
                logical_name(name, "dashboard"), spec, env=env, flow_log_group_names=flow_log_group_names,
                opts=child(self))
            self.dashboard_name = self.dashboard.dashboard_name
        self.register_outputs({"topicArn": self.topic_arn, "dashboardName": self.dashboard_name})
