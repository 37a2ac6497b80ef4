"""ConfigRecorder: AWS Config records every resource into the log archive and evaluates managed rules."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from ..base import child, logical_name, type_token
from ..environment import Environment
from .catalog import CONFIG_RULES, rule_slug
from .documents import config_delivery_policy, config_trust
from .plan import config_rule_name, recorder_name
from .spec import ConfigRecorderSpec

CONFIG_ROLE_POLICY = "arn:{partition}:iam::aws:policy/service-role/AWS_ConfigRole"


class ConfigRecorder(pulumi.ComponentResource):
    """Recorder -> delivery channel -> recorder status (AWS's required order); rules after the recorder."""

    recorder: aws.cfg.Recorder
    rule_names: list[str]

    def __init__(
        self,
        name: str,
        spec: ConfigRecorderSpec,
        *,
        env: Environment,
        log_archive_bucket: pulumi.Input[str],
        logs_key_arn: pulumi.Input[str],
        delivery_after: Sequence[pulumi.Resource] = (),
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """`delivery_after`: what must exist before Config checks the bucket (the log archive)."""
        account, tagging = env.account, env.tagging
        super().__init__(type_token("audit", "ConfigRecorder"), name, None, env.options(opts))
        env_name = env.name
        # A role of our own rather than the service-linked one: creating that fails when it exists.
        role = aws.iam.Role(
            logical_name(name, "role"), description=f"AWS Config recorder of {env_name}",
            assume_role_policy=json.dumps(config_trust(account)),
            tags=tagging.name(logical_name(name, "role")), opts=child(self))
        managed = aws.iam.RolePolicyAttachment(
            logical_name(name, "role-managed-policy"), role=role.name,
            policy_arn=CONFIG_ROLE_POLICY.format(partition=account.partition), opts=child(self))
        bucket_arn = pulumi.Output.from_input(log_archive_bucket).apply(
            lambda b: f"arn:{account.partition}:s3:::{b}")
        delivery_policy = pulumi.Output.all(bucket_arn, logs_key_arn).apply(
            lambda args: json.dumps(config_delivery_policy(account, args[0], args[1])))
        delivery = aws.iam.RolePolicy(logical_name(name, "role-delivery"), role=role.id, policy=delivery_policy,
                                      opts=child(self))
        self.recorder = aws.cfg.Recorder(
            logical_name(name, "recorder"), name=recorder_name(env_name), role_arn=role.arn,
            recording_group=aws.cfg.RecorderRecordingGroupArgs(all_supported=True, include_global_resource_types=True),
            recording_mode=aws.cfg.RecorderRecordingModeArgs(recording_frequency=spec.recording_frequency),
            opts=child(self, depends_on=[managed, delivery]))
        channel = aws.cfg.DeliveryChannel(
            logical_name(name, "delivery-channel"), name=recorder_name(env_name), s3_bucket_name=log_archive_bucket,
            s3_kms_key_arn=logs_key_arn,
            snapshot_delivery_properties=aws.cfg.DeliveryChannelSnapshotDeliveryPropertiesArgs(
                delivery_frequency=spec.snapshot_delivery_frequency),
            opts=child(self, depends_on=[self.recorder, *delivery_after]))
        aws.cfg.RecorderStatus(logical_name(name, "status"), name=self.recorder.name, is_enabled=True,
                               opts=child(self, depends_on=[channel]))
        self.rule_names = []
        for identifier in spec.rules():
            rule = CONFIG_RULES[identifier]
            rule_name = config_rule_name(env_name, rule_slug(identifier))
            aws.cfg.Rule(
                logical_name(name, "rule", rule_slug(identifier)), name=rule_name, description=rule.description,
                source=aws.cfg.RuleSourceArgs(owner="AWS", source_identifier=identifier),
                input_parameters=json.dumps(rule.parameters) if rule.parameters else None,
                tags=tagging.name(rule_name), opts=child(self, depends_on=[self.recorder]))
            self.rule_names.append(rule_name)
        self.register_outputs({"recorderName": self.recorder.name, "ruleNames": self.rule_names})
