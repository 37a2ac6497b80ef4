"""Pure planning of an environment's alerts: names, ARNs, alarms and finding rules (no pulumi import).

Physical names are fixed (`lz-<env>-...`) rather than auto-named so that every ARN the topic policy
and the dashboard refer to is known before anything exists: the documents stay pure and preview
shows them in full.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from ..base import AccountContext
from .cis import CIS_METRIC_FILTERS, CisMetricFilter
from .spec import MonitoringSpec, SubscriptionSpec

CIS_NAMESPACE = "LandingZone/CIS"
IDS_NAMESPACE = "LandingZone/IDS"
IDS_METRIC = "SnortAlerts"
SECURITY_HUB_LABELS = ("HIGH", "CRITICAL")


@dataclass(frozen=True)
class AlarmPlan:
    """A CIS metric filter on the trail's log group and the alarm on its metric."""

    control: CisMetricFilter
    filter_name: str
    alarm_name: str
    alarm_arn: str


@dataclass(frozen=True)
class FindingRulePlan:
    """An EventBridge rule whose matches go to the alerts topic."""

    key: str
    name: str
    arn: str
    description: str
    pattern: dict[str, Any]


@dataclass(frozen=True)
class SubscriptionPlan:
    key: str
    protocol: str
    endpoint: str


@dataclass(frozen=True)
class MonitoringPlan:
    environment: str
    topic_name: str
    topic_arn: str
    alarms: tuple[AlarmPlan, ...]
    rules: tuple[FindingRulePlan, ...]
    subscriptions: tuple[SubscriptionPlan, ...]
    dashboard_name: str | None
    alarm_period_seconds: int

    def rule(self, key: str) -> FindingRulePlan:
        return next(r for r in self.rules if r.key == key)


def resource_prefix(environment: str) -> str:
    return f"lz-{environment}"


def guardduty_pattern(threshold: float) -> dict[str, Any]:
    """GuardDuty findings at or above `threshold`, using EventBridge numeric matching."""
    return {
        "source": ["aws.guardduty"],
        "detail-type": ["GuardDuty Finding"],
        "detail": {"severity": [{"numeric": [">=", threshold]}]},
    }


def security_hub_pattern() -> dict[str, Any]:
    """Imported Security Hub findings that are new and HIGH or CRITICAL."""
    return {
        "source": ["aws.securityhub"],
        "detail-type": ["Security Hub Findings - Imported"],
        "detail": {
            "findings": {
                "Severity": {"Label": list(SECURITY_HUB_LABELS)},
                "Workflow": {"Status": ["NEW"]},
            }
        },
    }


def config_compliance_pattern() -> dict[str, Any]:
    """AWS Config rule evaluations that turn NON_COMPLIANT."""
    return {
        "source": ["aws.config"],
        "detail-type": ["Config Rules Compliance Change"],
        "detail": {
            "messageType": ["ComplianceChangeNotification"],
            "newEvaluationResult": {"complianceType": ["NON_COMPLIANT"]},
        },
    }


def subscription_key(sub: SubscriptionSpec) -> str:
    """Keyed by the endpoint, not the list position, so reordering subscriptions replaces nothing."""
    digest = hashlib.sha256(f"{sub.protocol}:{sub.endpoint.lower()}".encode()).hexdigest()[:8]
    return f"{sub.protocol}-{digest}"


def plan_cis_alarms(environment: str, account: AccountContext) -> tuple[AlarmPlan, ...]:
    """The CIS 4.1-4.15 filters and alarms of `environment` in `account` (names `lz-<env>-cis-<4-1>-<metric>`)."""
    prefix = resource_prefix(environment)
    region_account = f"{account.region}:{account.account_id}"
    return tuple(
        AlarmPlan(
            control=c,
            filter_name=f"{prefix}-cis-{c.slug}-{c.metric_name}",
            alarm_name=f"{prefix}-cis-{c.slug}-{c.metric_name}",
            alarm_arn=f"arn:{account.partition}:cloudwatch:{region_account}:alarm:{prefix}-cis-{c.slug}-{c.metric_name}",
        )
        for c in CIS_METRIC_FILTERS
    )


def plan_monitoring(spec: MonitoringSpec, environment: str, account: AccountContext) -> MonitoringPlan:
    prefix = resource_prefix(environment)
    region_account = f"{account.region}:{account.account_id}"
    alarms = plan_cis_alarms(environment, account)
    rules = tuple(
        FindingRulePlan(key, f"{prefix}-{key}", f"arn:{account.partition}:events:{region_account}:rule/{prefix}-{key}",
                        description, pattern)
        for key, description, pattern in (
            ("guardduty-findings",
             f"GuardDuty findings with severity >= {spec.guardduty_severity_threshold:g} to the alerts topic",
             guardduty_pattern(spec.guardduty_severity_threshold)),
            ("securityhub-findings", "New HIGH and CRITICAL Security Hub findings to the alerts topic",
             security_hub_pattern()),
            ("config-noncompliant", "AWS Config rules turning NON_COMPLIANT to the alerts topic",
             config_compliance_pattern()),
        )
    )
    return MonitoringPlan(
        environment=environment,
        topic_name=f"{prefix}-alerts",
        topic_arn=f"arn:{account.partition}:sns:{region_account}:{prefix}-alerts",
        alarms=alarms,
        rules=rules,
        subscriptions=tuple(SubscriptionPlan(subscription_key(s), s.protocol, s.endpoint) for s in spec.subscriptions),
        dashboard_name=prefix if spec.dashboard else None,
        alarm_period_seconds=spec.alarm_period_seconds,
    )
