"""AutomatedIsolation: a GuardDuty finding on an instance moves it to quarantine (CONTROLS row 15).

EventBridge matches GuardDuty findings about an instance at or above the spec's severity and invokes
the isolation function (assets/isolate/handler.py), which swaps every interface of the instance to its
VPC's quarantine group, tags it, snapshots its volumes and notifies the alerts topic.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib.resources import files

import pulumi
import pulumi_aws as aws

from ..base import AccountContext, Tagging, child, logical_name, type_token
from ..environment import Environment
from .documents import dead_letter_policy, function_environment, function_policy, trust_policy
from .plan import (
    DLQ_RETENTION_SECONDS,
    HANDLER,
    MAX_DELIVERY_ATTEMPTS,
    MAX_EVENT_AGE_SECONDS,
    MEMORY_MB,
    RUNTIME,
    TIMEOUT_SECONDS,
    IsolationPlan,
    isolation_pattern,
    plan_isolation,
)
from .spec import IsolationSpec, isolation_issues

#: Package data: a wheel installs it as a real file, which FileAsset needs (the engine reads it at deploy time).
ASSETS = files(__name__.rpartition(".")[0]) / "assets" / "isolate"


def function_code() -> pulumi.AssetArchive:
    """The Lambda package: the handler module alone (named, so stray files such as __pycache__ never ship)."""
    return pulumi.AssetArchive({"handler.py": pulumi.FileAsset(str(ASSETS / "handler.py"))})


class AutomatedIsolation(pulumi.ComponentResource):
    """Children (a public contract): `<name>-logs`, `<name>-role`, `<name>-role-policy`, `<name>-dlq`,
    `<name>-dlq-policy`, `<name>-function`, `<name>-rule`, `<name>-permission`, `<name>-target`.

    With `enabled: false` the component registers no children and every output is None.
    """

    plan: IsolationPlan
    function_arn: pulumi.Output[str] | None
    function_name: pulumi.Output[str] | None
    role_arn: pulumi.Output[str] | None
    rule_arn: pulumi.Output[str] | None
    dead_letter_queue_arn: pulumi.Output[str] | None
    log_group_name: pulumi.Output[str] | None

    def __init__(
        self,
        name: str,
        spec: IsolationSpec,
        *,
        env: Environment,
        alerts_topic_arn: pulumi.Input[str],
        env_key_arn: pulumi.Input[str],
        logs_key_arn: pulumi.Input[str],
        vpc_ids: Sequence[pulumi.Input[str]],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        account, tagging, production = env.account, env.tagging, env.production
        issues = list(isolation_issues(spec, production))
        if spec.enabled and not vpc_ids:
            issues.append(("vpc_ids", "no VPC to isolate in: pass the landing zone's VPC ids"))
        if issues:  # config.py reports these first; this guard keeps direct library use just as safe
            raise ValueError("; ".join(f"{path}: {message}" for path, message in issues))
        super().__init__(type_token("isolation", "AutomatedIsolation"), name, None, env.options(opts))
        self.plan = plan = plan_isolation(spec, tagging.environment, account)
        self.function_arn = self.function_name = self.role_arn = None
        self.rule_arn = self.dead_letter_queue_arn = self.log_group_name = None
        if spec.enabled:
            self._build(name, plan, alerts_topic_arn, env_key_arn, logs_key_arn, vpc_ids, account, tagging,
                        production)
        self.register_outputs({
            "functionArn": self.function_arn,
            "ruleArn": self.rule_arn,
            "deadLetterQueueArn": self.dead_letter_queue_arn,
            "logGroupName": self.log_group_name,
        })

    def _build(self, name: str, plan: IsolationPlan, topic_arn: pulumi.Input[str], env_key_arn: pulumi.Input[str],
               logs_key_arn: pulumi.Input[str], vpc_ids: Sequence[pulumi.Input[str]], account: AccountContext,
               tagging: Tagging, production: bool) -> None:
        # Created before the function: otherwise Lambda's first write would need logs:CreateLogGroup and
        # would leave an unencrypted group without retention.
        logs = aws.cloudwatch.LogGroup(
            logical_name(name, "logs"), name=plan.log_group_name, kms_key_id=logs_key_arn,
            retention_in_days=plan.log_retention_days, deletion_protection_enabled=production,
            tags=tagging.name(plan.log_group_name, purpose="isolation"), opts=child(self))
        role = aws.iam.Role(
            logical_name(name, "role"), assume_role_policy=json.dumps(trust_policy(account)),
            description=f"Isolation function of {tagging.environment}: quarantines instances GuardDuty flags",
            tags=tagging.name(logical_name(name, "role")), opts=child(self))
        vpcs = pulumi.Output.all(*vpc_ids).apply(lambda ids: [str(i) for i in ids])
        policy = aws.iam.RolePolicy(
            logical_name(name, "role-policy"), role=role.id,
            policy=pulumi.Output.all(topic_arn, env_key_arn, vpcs).apply(
                lambda v: json.dumps(function_policy(plan, account, topic_arn=v[0], env_key_arn=v[1],
                                                     vpc_ids=v[2]))),
            opts=child(self))
        queue = aws.sqs.Queue(
            logical_name(name, "dlq"), name=plan.queue_name, sqs_managed_sse_enabled=True,
            message_retention_seconds=DLQ_RETENTION_SECONDS, tags=tagging.name(plan.queue_name), opts=child(self))
        queue_policy = aws.sqs.QueuePolicy(
            logical_name(name, "dlq-policy"), queue_url=queue.url,
            policy=json.dumps(dead_letter_policy(plan, account)), opts=child(self))
        environment = pulumi.Output.all(topic_arn, vpcs).apply(
            lambda v: function_environment(plan, topic_arn=v[0], vpc_ids=v[1]))
        # Lambda checks at creation that the role may send to the dead-letter queue: wait for the policy.
        function = aws.lambda_.Function(
            logical_name(name, "function"), name=plan.function_name, role=role.arn, runtime=RUNTIME,
            handler=HANDLER, code=function_code(), architectures=["arm64"], memory_size=MEMORY_MB,
            timeout=TIMEOUT_SECONDS, reserved_concurrent_executions=plan.reserved_concurrency,
            kms_key_arn=env_key_arn,
            environment=aws.lambda_.FunctionEnvironmentArgs(variables=environment),
            dead_letter_config=aws.lambda_.FunctionDeadLetterConfigArgs(target_arn=queue.arn),
            logging_config=aws.lambda_.FunctionLoggingConfigArgs(
                log_format="JSON", log_group=logs.name, application_log_level="INFO", system_log_level="WARN"),
            description=f"Quarantine instances of {tagging.environment} that GuardDuty flags "
                        f"(severity >= {plan.severity_threshold:g})",
            tags=tagging.name(plan.function_name), opts=child(self, depends_on=[logs, policy]))
        rule = aws.cloudwatch.EventRule(
            logical_name(name, "rule"), name=plan.rule_name,
            description=f"GuardDuty findings on instances with severity >= {plan.severity_threshold:g} "
                        "to the isolation function",
            event_pattern=json.dumps(isolation_pattern(plan.severity_threshold)), state="ENABLED",
            tags=tagging.name(plan.rule_name), opts=child(self))
        permission = aws.lambda_.Permission(
            logical_name(name, "permission"), action="lambda:InvokeFunction", function=function.name,
            principal="events.amazonaws.com", source_arn=rule.arn, opts=child(self))
        # The target waits for the permission and the DLQ policy so the first finding is neither refused nor lost.
        aws.cloudwatch.EventTarget(
            logical_name(name, "target"), rule=rule.name, arn=function.arn, target_id="isolate",
            retry_policy=aws.cloudwatch.EventTargetRetryPolicyArgs(
                maximum_event_age_in_seconds=MAX_EVENT_AGE_SECONDS, maximum_retry_attempts=MAX_DELIVERY_ATTEMPTS),
            dead_letter_config=aws.cloudwatch.EventTargetDeadLetterConfigArgs(arn=queue.arn),
            opts=child(self, depends_on=[permission, queue_policy]))
        self.function_arn, self.function_name = function.arn, function.name
        self.role_arn, self.rule_arn = role.arn, rule.arn
        self.dead_letter_queue_arn, self.log_group_name = queue.arn, logs.name
