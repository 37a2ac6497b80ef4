"""LogGroups: the landing zone's KMS-encrypted log groups, each exported to the log archive bucket."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pulumi
import pulumi_aws as aws

from ..base import AccountContext, child, logical_name, type_token
from ..environment import Environment
from .documents import (
    firehose_to_archive_policy,
    firehose_trust,
    logs_to_firehose_policy,
    logs_to_firehose_trust,
)
from .plan import archive_root, plan_export, plan_log_groups
from .spec import LoggingSpec


class LogGroups(pulumi.ComponentResource):
    """Children: `<name>-<purpose>` groups; per export `<name>-<key>-stream` and `<name>-<key>-archive`.

    `exports` (key -> log group name) sends other components' log groups (trail, flow logs, WAF,
    isolation) the same way; it is an input, so nothing is added after the component is complete.
    """

    names: dict[str, pulumi.Output[str]]
    arns: dict[str, pulumi.Output[str]]
    stream_arns: dict[str, pulumi.Output[str]]
    subscription_role_arn: pulumi.Output[str] | None

    def __init__(
        self,
        name: str,
        spec: LoggingSpec,
        *,
        env: Environment,
        logs_key_arn: pulumi.Input[str],
        log_archive_bucket_arn: pulumi.Input[str],
        archive_key_arn: pulumi.Input[str] | None = None,
        exports: Mapping[str, pulumi.Input[str]] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        account, tagging, protect = env.account, env.tagging, env.protect
        exports = dict(exports or {})
        own = {plan.purpose for plan in plan_log_groups(spec, env.name)}
        if own & set(exports):
            raise ValueError(f"LogGroups {name}: exports {sorted(own & set(exports))} clash with its own log groups")
        super().__init__(type_token("logging", "LogGroups"), name, None, env.options(opts))
        self._name, self._spec, self._tag = name, spec, tagging
        self._logs_key_arn = logs_key_arn
        self.names, self.arns, self.stream_arns = {}, {}, {}
        self.subscription_role_arn = None
        groups: dict[str, aws.cloudwatch.LogGroup] = {}
        for plan in plan_log_groups(spec, tagging.environment):
            groups[plan.purpose] = aws.cloudwatch.LogGroup(
                logical_name(name, plan.purpose), name=plan.name, kms_key_id=logs_key_arn,
                retention_in_days=plan.retention_days, deletion_protection_enabled=protect,
                tags=tagging.name(plan.name, purpose=plan.purpose), opts=child(self, protect=protect))
            self.names[plan.purpose] = groups[plan.purpose].name
            self.arns[plan.purpose] = groups[plan.purpose].arn
        if spec.export.enabled:
            self._export_roles(name, account, log_archive_bucket_arn, archive_key_arn or logs_key_arn)
            for purpose, group in groups.items():
                self._export(purpose, group.name)
            for key, group_name in exports.items():
                self._export(key, group_name)
        self.register_outputs({"logGroupNames": self.names, "streamArns": self.stream_arns})

    def _export_roles(self, name: str, account: AccountContext, bucket_arn: pulumi.Input[str],
                      key_arn: pulumi.Input[str]) -> None:
        env = self._tag.environment
        root = archive_root(self._spec.export, env)
        self._firehose_role = aws.iam.Role(
            logical_name(name, "firehose-role"), assume_role_policy=json.dumps(firehose_trust(account)),
            description=f"Firehose writes {env} logs under s3://<archive>/{root}",
            tags=self._tag.name(logical_name(name, "firehose-role")), opts=child(self))
        self._firehose_policy = aws.iam.RolePolicy(
            logical_name(name, "firehose-archive"), role=self._firehose_role.id,
            policy=pulumi.Output.all(bucket_arn, key_arn).apply(
                lambda v: json.dumps(firehose_to_archive_policy(account, v[0], v[1], root))),
            opts=child(self))
        self._logs_role = aws.iam.Role(
            logical_name(name, "subscription-role"), assume_role_policy=json.dumps(logs_to_firehose_trust(account)),
            description=f"CloudWatch Logs puts {env} log events into lz-{env}-logs-* streams",
            tags=self._tag.name(logical_name(name, "subscription-role")), opts=child(self))
        self._logs_policy = aws.iam.RolePolicy(
            logical_name(name, "subscription-put"), role=self._logs_role.id,
            policy=json.dumps(logs_to_firehose_policy(account, env)), opts=child(self))
        self._archive_key_arn = key_arn
        self._bucket_arn = bucket_arn
        self.subscription_role_arn = self._logs_role.arn

    def _export(self, key: str, log_group_name: pulumi.Input[str]) -> aws.cloudwatch.LogSubscriptionFilter:
        """Send every event of `log_group_name` to the archive under <prefix>/<env>/<key>/.

        Creates `<name>-<key>-stream` (Firehose) and `<name>-<key>-archive` (subscription filter).
        """
        plan = plan_export(self._spec.export, self._tag.environment, key)
        export = self._spec.export
        stream = aws.kinesis.FirehoseDeliveryStream(
            logical_name(self._name, key, "stream"), name=plan.stream_name, destination="extended_s3",
            server_side_encryption=aws.kinesis.FirehoseDeliveryStreamServerSideEncryptionArgs(
                enabled=True, key_type="CUSTOMER_MANAGED_CMK", key_arn=self._logs_key_arn),
            extended_s3_configuration=aws.kinesis.FirehoseDeliveryStreamExtendedS3ConfigurationArgs(
                bucket_arn=self._bucket_arn, role_arn=self._firehose_role.arn,
                kms_key_arn=self._archive_key_arn, prefix=plan.prefix, error_output_prefix=plan.error_prefix,
                buffering_interval=export.buffering_interval_seconds, buffering_size=export.buffering_size_mb,
                # CloudWatch Logs already gzips each batch; compressing again would nest gzip.
                compression_format="UNCOMPRESSED"),
            tags=self._tag.name(plan.stream_name), opts=child(self, depends_on=[self._firehose_policy]))
        self.stream_arns[key] = stream.arn
        return aws.cloudwatch.LogSubscriptionFilter(
            logical_name(self._name, key, "archive"), name=f"lz-{self._tag.environment}-archive",
            log_group=log_group_name, filter_pattern=export.filter_pattern, destination_arn=stream.arn,
            role_arn=self._logs_role.arn, opts=child(self, depends_on=[self._logs_policy]))
