"""Dashboard: the environment's one spot for monitoring (alarms, flow-log rejects, findings, IDS)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from ..base import child, type_token
from ..environment import Environment
from .documents import dashboard_body
from .plan import plan_monitoring
from .spec import MonitoringSpec


class Dashboard(pulumi.ComponentResource):
    """One CloudWatch dashboard named like the component (`<name>`), whose body comes from `dashboard_body`."""

    dashboard_name: pulumi.Output[str]

    def __init__(
        self,
        name: str,
        spec: MonitoringSpec,
        *,
        env: Environment,
        flow_log_group_names: Sequence[pulumi.Input[str]],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        account = env.account
        super().__init__(type_token("monitoring", "Dashboard"), name, None, env.options(opts))
        plan = plan_monitoring(spec, env.name, env.account)
        if plan.dashboard_name is None:
            raise ValueError("the plan has no dashboard (monitoring.dashboard is false)")
        # Only the body waits for the log group names; the dashboard itself is decided by the plan.
        body = pulumi.Output.all(*flow_log_group_names).apply(
            lambda groups: json.dumps(dashboard_body(plan, account, [str(g) for g in groups])))
        dashboard = aws.cloudwatch.Dashboard(
            name, dashboard_name=plan.dashboard_name, dashboard_body=body,
            opts=child(self))
        self.dashboard_name = dashboard.dashboard_name
        self.register_outputs({"dashboardName": self.dashboard_name})
