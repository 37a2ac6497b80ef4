"""OrgAccountBaseline: the regional security baseline of one of the organization's own accounts.

GuardDuty and Security Hub reach every account through the organization configurations; what an
account must still do itself, in every governed region, is record its configuration into the central
archive and encrypt new EBS volumes by default. Access Analyzer is the organization analyzer.
"""

from __future__ import annotations

from collections.abc import Mapping

import pulumi
import pulumi_aws as aws

from ..base import child, type_token
from ..environment import Environment
from .spec import OrganizationSpec


class OrgAccountBaseline(pulumi.ComponentResource):
    """`providers` maps each governed region to a provider into the account (the home region's first)."""

    def __init__(
        self,
        name: str,
        spec: OrganizationSpec,
        *,
        env: Environment,
        providers: Mapping[str, aws.Provider],
        archive_bucket_name: pulumi.Input[str],
        logs_key_arn: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("organization", "OrgAccountBaseline"), name, None, env.options(opts))
        home = spec.home_region
        linked = aws.iam.ServiceLinkedRole(f"{name}-config-role", aws_service_name="config.amazonaws.com",
                                           opts=child(self, provider=providers[home]))
        for region in spec.governed_regions:
            at = child(self, provider=providers[region])
            recorder = aws.cfg.Recorder(
                f"{name}-config-recorder-{region}", name="lz-recorder", role_arn=linked.arn,
                # Global types (IAM) in every region, not only the home one: CIS 3.3 as the gate checks it
                # judges each recorder alone, and the duplicate IAM items cost little next to a gap.
                recording_group={"all_supported": True, "include_global_resource_types": True},
                opts=at)
            channel = aws.cfg.DeliveryChannel(
                f"{name}-config-delivery-{region}", name="lz-delivery", s3_bucket_name=archive_bucket_name,
                s3_kms_key_arn=logs_key_arn,
                snapshot_delivery_properties={"delivery_frequency": "TwentyFour_Hours"},
                opts=child(self, provider=providers[region], depends_on=[recorder]))
            aws.cfg.RecorderStatus(f"{name}-config-recording-{region}", name=recorder.name, is_enabled=True,
                                   opts=child(self, provider=providers[region], depends_on=[channel]))
            aws.ebs.EncryptionByDefault(f"{name}-ebs-encryption-{region}", enabled=True, opts=at)
        self.register_outputs({})
