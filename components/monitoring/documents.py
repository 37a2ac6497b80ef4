"""Topic policy, KMS key statements and dashboard body of the monitoring domain (pure: plain dicts)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..base import AccountContext
from .plan import IDS_METRIC, IDS_NAMESPACE, MonitoringPlan

#: What the account owner may do on the topic (the AWS default topic policy's set, minus nothing).
OWNER_ACTIONS = [
    "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission",
    "sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish",
]
PUBLISHERS = ("cloudwatch.amazonaws.com", "events.amazonaws.com")
WIDTH = 24  # the dashboard grid is 24 columns wide


def topic_policy(plan: MonitoringPlan, account: AccountContext) -> dict[str, Any]:
    """Only CloudWatch alarms and the finding rules of this account publish; the account owner manages."""
    topic = plan.topic_arn
    alarms = f"arn:{account.partition}:cloudwatch:{account.region}:{account.account_id}:alarm:*"
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AccountOwnerManagesTopic",
                "Effect": "Allow",
                "Principal": {"AWS": account.root_arn},
                "Action": OWNER_ACTIONS,
                "Resource": topic,
            },
            {
                "Sid": "CloudWatchAlarmsPublish",
                "Effect": "Allow",
                "Principal": {"Service": "cloudwatch.amazonaws.com"},
                "Action": "sns:Publish",
                "Resource": topic,
                "Condition": {
                    "StringEquals": {"aws:SourceAccount": account.account_id},
                    "ArnLike": {"aws:SourceArn": alarms},
                },
            },
            {
                "Sid": "FindingRulesPublish",
                "Effect": "Allow",
                "Principal": {"Service": "events.amazonaws.com"},
                "Action": "sns:Publish",
                "Resource": topic,
                "Condition": {
                    "StringEquals": {"aws:SourceAccount": account.account_id},
                    "ArnEquals": {"aws:SourceArn": [r.arn for r in plan.rules]},
                },
            },
            {
                "Sid": "DenyPublishWithoutTls",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "sns:Publish",
                "Resource": topic,
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            },
        ],
    }


def alerts_key_statements(plan: MonitoringPlan) -> list[dict[str, Any]]:
    """Statements the alerts KMS key's policy needs so the publishers can write to the encrypted topic.

    The key belongs to the storage domain; without these, alarms and rules fail silently (SNS drops
    the message when the publisher cannot generate a data key). SNS always passes the topic ARN as
    encryption context, which scopes the grant to this one topic.
    """
    return [
        {
            "Sid": "AlertsPublishersEncryptForTopic",
            "Effect": "Allow",
            "Principal": {"Service": list(PUBLISHERS)},
            "Action": ["kms:GenerateDataKey*", "kms:Decrypt"],
            "Resource": "*",
            "Condition": {"StringEquals": {"kms:EncryptionContext:aws:sns:topicArn": plan.topic_arn}},
        }
    ]


def _widget(kind: str, x: int, y: int, width: int, height: int, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": kind, "x": x, "y": y, "width": width, "height": height, "properties": properties}


def _flow_log_widgets(y: int, region: str, groups: Sequence[str]) -> list[dict[str, Any]]:
    if not groups:
        return [_widget("text", 0, y, WIDTH, 2, {"markdown": "## Flow-log rejects\nNo flow-log groups passed in."})]
    sources = " | ".join(f"SOURCE '{g}'" for g in groups)
    rejects = 'filter action = "REJECT"'
    return [
        _widget("log", 0, y, 12, 6, {
            "title": "Flow-log rejects (all islands)", "region": region, "view": "timeSeries",
            "query": f"{sources} | {rejects} | stats count(*) as rejects by bin(5m)",
        }),
        _widget("log", 12, y, 12, 6, {
            "title": "Top rejected sources", "region": region, "view": "table",
            "query": f"{sources} | {rejects} | stats count(*) as rejects by srcAddr, dstPort "
                     "| sort rejects desc | limit 20",
        }),
    ]


def _rule_metric(plan: MonitoringPlan, key: str) -> list[str]:
    return ["AWS/Events", "MatchedEvents", "RuleName", plan.rule(key).name]


def dashboard_body(plan: MonitoringPlan, account: AccountContext, flow_log_groups: Sequence[str]) -> dict[str, Any]:
    """The environment's one spot for monitoring: alarms, flow-log rejects, findings, IDS alerts."""
    region = account.region
    period = plan.alarm_period_seconds
    widgets = [
        _widget("text", 0, 0, WIDTH, 2, {
            "markdown": f"# Landing zone `{plan.environment}`\nAlarm states, network rejects, "
                        f"GuardDuty / Security Hub / Config findings and IDS alerts. Alerts go to `{plan.topic_name}`."
        }),
        _widget("alarm", 0, 2, WIDTH, 6, {
            "title": "CIS 4.1-4.15 alarms", "alarms": [a.alarm_arn for a in plan.alarms],
            "sortBy": "stateUpdatedTimestamp",
        }),
        *_flow_log_widgets(8, region, flow_log_groups),
        _widget("metric", 0, 14, 12, 6, {
            "title": "GuardDuty findings sent to the alerts topic", "region": region, "view": "timeSeries",
            "stat": "Sum", "period": period, "metrics": [_rule_metric(plan, "guardduty-findings")],
        }),
        _widget("metric", 12, 14, 12, 6, {
            "title": "Security Hub and Config findings sent to the alerts topic", "region": region,
            "view": "timeSeries", "stat": "Sum", "period": period,
            "metrics": [_rule_metric(plan, "securityhub-findings"), _rule_metric(plan, "config-noncompliant")],
        }),
        _widget("text", 0, 20, WIDTH, 2, {
            "markdown": "## Intrusion detection\nSnort sensors publish their alert count as "
                        f"`{IDS_NAMESPACE}` / `{IDS_METRIC}`; the graph stays empty until the IDS fleet runs.",
        }),
        _widget("metric", 0, 22, WIDTH, 6, {
            "title": "IDS alerts (Snort)", "region": region, "view": "timeSeries", "stat": "Sum",
            "period": period, "metrics": [[IDS_NAMESPACE, IDS_METRIC]],
        }),
    ]
    return {"start": "-PT24H", "periodOverride": "inherit", "widgets": widgets}
