"""Alerts: the environment's KMS-encrypted SNS topic and everything that publishes to it."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from ..base import child, logical_name, type_token
from ..environment import Environment
from .cis_alarms import cis_alarms
from .documents import topic_policy
from .plan import plan_monitoring
from .spec import MonitoringSpec


class Alerts(pulumi.ComponentResource):
    """Topic, topic policy, subscriptions, the CIS 4.1-4.15 filters and alarms, and the finding rules.

    Children are named `<name>-topic`, `<name>-sub-<protocol>-<hash>`, `<name>-cis-<4-1>-filter|alarm`,
    `<name>-<rule key>` and `<name>-<rule key>-target` (a public contract).
    """

    topic: aws.sns.Topic
    topic_arn: pulumi.Output[str]
    alarm_arns: dict[str, pulumi.Output[str]]
    rule_arns: dict[str, pulumi.Output[str]]

    def __init__(
        self,
        name: str,
        spec: MonitoringSpec,
        *,
        env: Environment,
        alerts_key_arn: pulumi.Input[str],
        trail_log_group_name: pulumi.Input[str] | None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """`trail_log_group_name` None: no trail of its own (a member account, recorded by the organization
        trail, whose log group in the management account carries the CIS 4.x filters): no CIS alarms here."""
        account, tagging = env.account, env.tagging
        super().__init__(type_token("monitoring", "Alerts"), name, None, env.options(opts))
        plan = plan_monitoring(spec, env.name, env.account)
        self.topic = aws.sns.Topic(
            logical_name(name, "topic"), name=plan.topic_name, kms_master_key_id=alerts_key_arn,
            display_name=f"Landing zone {plan.environment} alerts", tags=tagging.name(plan.topic_name),
            opts=child(self))
        self.topic_arn = self.topic.arn
        policy = aws.sns.TopicPolicy(
            logical_name(name, "topic-policy"), arn=self.topic.arn,
            policy=json.dumps(topic_policy(plan, account)), opts=child(self))
        for sub in plan.subscriptions:
            aws.sns.TopicSubscription(
                logical_name(name, "sub", sub.key), topic=self.topic.arn, protocol=sub.protocol,
                endpoint=sub.endpoint, opts=child(self))
        # Publishers wait for the topic policy: an alarm that fires before it exists is lost.
        publish = child(self, depends_on=[policy])
        self.alarm_arns = {}
        if trail_log_group_name is not None:
            self.alarm_arns = cis_alarms(
                logical_name(name, "cis"), plan.alarms, log_group_name=trail_log_group_name, topic_arn=self.topic.arn,
                period_seconds=plan.alarm_period_seconds, tagging=tagging, filter_opts=child(self), alarm_opts=publish)
        self.rule_arns = {}
        for rule in plan.rules:
            created_rule = aws.cloudwatch.EventRule(
                logical_name(name, rule.key), name=rule.name, description=rule.description,
                event_pattern=json.dumps(rule.pattern), state="ENABLED", tags=tagging.name(rule.name),
                opts=child(self))
            aws.cloudwatch.EventTarget(
                logical_name(name, rule.key, "target"), rule=created_rule.name, arn=self.topic.arn,
                target_id="alerts-topic", opts=publish)
            self.rule_arns[rule.key] = created_rule.arn
        self.register_outputs({
            "topicArn": self.topic_arn,
            "alarmArns": self.alarm_arns,
            "ruleArns": self.rule_arns,
        })
