"""Trail: the multi-region CloudTrail trail, delivered to the log archive and a CloudWatch log group."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from ..base import child, logical_name, type_token
from ..environment import Environment
from .documents import trail_delivery_policy, trail_delivery_trust
from .plan import event_selectors, trail_arn, trail_log_group_name, trail_name
from .spec import TrailSpec


class Trail(pulumi.ComponentResource):
    """Children: `<name>-log-group`, `<name>-delivery-role`, `<name>-delivery`, `<name>-trail`."""

    trail: aws.cloudtrail.Trail
    trail_arn: pulumi.Output[str]
    log_group_name: pulumi.Output[str]
    log_group_arn: pulumi.Output[str]

    def __init__(
        self,
        name: str,
        spec: TrailSpec,
        *,
        env: Environment,
        log_archive_bucket: pulumi.Input[str],
        logs_key_arn: pulumi.Input[str],
        delivery_after: Sequence[pulumi.Resource] = (),
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """`delivery_after`: what must exist before CloudTrail checks the bucket (the log archive)."""
        account, tagging, protect = env.account, env.tagging, env.protect
        super().__init__(type_token("audit", "Trail"), name, None, env.options(opts))
        env_name = env.name
        group_name = trail_log_group_name(env_name)
        group = aws.cloudwatch.LogGroup(
            logical_name(name, "log-group"), name=group_name, kms_key_id=logs_key_arn,
            retention_in_days=spec.log_group_retention_days, tags=tagging.name(group_name),
            opts=child(self, protect=protect))
        role = aws.iam.Role(
            logical_name(name, "delivery-role"), description=f"CloudTrail of {env_name} delivers to {group_name}",
            assume_role_policy=json.dumps(trail_delivery_trust(account, trail_arn(account, env_name))),
            tags=tagging.name(logical_name(name, "delivery-role")), opts=child(self))
        delivery = aws.iam.RolePolicy(
            logical_name(name, "delivery"), role=role.id,
            policy=json.dumps(trail_delivery_policy(account, group_name)), opts=child(self))
        selectors = [
            aws.cloudtrail.TrailAdvancedEventSelectorArgs(
                name=s.name, field_selectors=[
                    aws.cloudtrail.TrailAdvancedEventSelectorFieldSelectorArgs(field=f, equals=list(values))
                    for f, values in s.fields])
            for s in event_selectors(spec.s3_data_events)
        ]
        self.trail = aws.cloudtrail.Trail(
            logical_name(name, "trail"), name=trail_name(env_name), s3_bucket_name=log_archive_bucket,
            is_multi_region_trail=True, include_global_service_events=True, enable_log_file_validation=True,
            enable_logging=True, kms_key_id=logs_key_arn,
            cloud_watch_logs_group_arn=group.arn.apply(lambda arn: f"{arn}:*"),
            cloud_watch_logs_role_arn=role.arn, advanced_event_selectors=selectors,
            tags=tagging.name(trail_name(env_name)),
            opts=child(self, protect=protect, depends_on=[delivery, *delivery_after]))
        self.trail_arn = self.trail.arn
        self.log_group_name = group.name
        self.log_group_arn = group.arn
        self.register_outputs({"trailArn": self.trail_arn, "logGroupName": self.log_group_name,
                               "logGroupArn": self.log_group_arn})
