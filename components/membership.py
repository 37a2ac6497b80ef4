"""An environment that joins the organization: what it reads from the org stack and what changes.

`landing-zone:organization` in an environment stack is a membership (`{stack, account}`). The
environment then reads the org stack's outputs through a `pulumi.StackReference`, deploys into its
own account through that account's role (one `aws.Provider` for the whole LandingZone), sends its
logs to the organization's archive, and leaves to the organization what it owns: the trail (the
organization trail records this account) and GuardDuty and Security Hub (the audit account, their
delegated administrator, enables them in every member). What stays is account-wide and made once
per account: here, by the one environment stack that deploys into that account.

Everything the composition decides from is a plain value read before any resource is registered, so
an org stack that lacks the account is an error with its path, and nothing is half-built.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws
from pulumi.runtime.sync_await import _sync_await

from .audit.config_recorder import ConfigRecorder
from .audit.log_archive import LogArchive
from .audit.plan import recorder_name
from .audit.spec import AuditSpec
from .base import AccountContext, logical_name, type_token
from .config import LandingZoneConfig, LandingZoneConfigError
from .environment import Environment
from .storage.spec import StorageSpec

#: The org stack outputs an environment needs (the org stack exports exactly these names).
REQUIRED_OUTPUTS = ("organizationId", "managementAccountId", "governedRegions", "accounts", "logArchiveBucketName",
                    "logArchiveBucketArn", "logsKeyArn", "alertsTopicArn")


@dataclass(frozen=True)
class OrganizationLink:
    """What an environment takes from the org stack it joins (plain values, read before any resource)."""

    stack: str
    account_name: str
    account_id: str
    role_arn: str
    organization_id: str
    management_account_id: str
    governed_regions: tuple[str, ...]
    log_archive_bucket_name: str
    log_archive_bucket_arn: str
    logs_key_arn: str
    alerts_topic_arn: str
    reference: pulumi.StackReference = dataclasses.field(repr=False, compare=False)

    def environment(self, env: Environment) -> Environment:
        """`env` in the member account (region and partition stay the stack's)."""
        return dataclasses.replace(env, account=AccountContext(self.account_id, env.region, env.partition))

    def provider(self, name: str, env: Environment, parent: pulumi.Resource, region: str | None = None
                 ) -> aws.Provider:
        """Into the member account through its role (in `region`, default the stack's);
        `allowed_account_ids` stops a wrong role early."""
        return aws.Provider(
            name, region=region or env.region, allowed_account_ids=[self.account_id],
            assume_roles=[aws.ProviderAssumeRoleArgs(role_arn=self.role_arn, session_name=f"landing-zone-{env.name}")],
            opts=pulumi.ResourceOptions(parent=parent))


def _read(reference: pulumi.StackReference, name: str) -> Any:
    """One output of the referenced stack as a plain value (None when it is missing or not known)."""
    details = _sync_await(reference.get_output_details(name))
    return details.value if details.value is not None else details.secret_value


def join_organization(config: LandingZoneConfig, env: Environment) -> OrganizationLink | None:
    """Read the org stack named by the membership, or None without one (single-account mode).

    Raises LandingZoneConfigError (paths under `organization`) when the org stack's outputs are not
    known, are not an org stack's, lack the account, or do not govern this stack's region.
    """
    membership = config.organization
    if membership is None:
        return None
    account_name = membership.account or f"workload-{config.environment}"
    # Top level, before the LandingZone registers: a bad reference leaves nothing behind.
    reference = pulumi.StackReference(f"lz-{config.environment}-organization", stack_name=membership.stack)
    outputs = {name: _read(reference, name) for name in REQUIRED_OUTPUTS}
    where = f"org stack {membership.stack!r}"
    if all(value is None for value in outputs.values()):
        raise LandingZoneConfigError([f"organization.stack: the outputs of {where} are not known: deploy it first "
                                      "(or, offline, give it a stack file in this project)"])
    missing = [name for name, value in outputs.items() if value is None]
    if missing:
        raise LandingZoneConfigError([f"organization.stack: {where} exports no {', '.join(missing)}: is it an org "
                                      "stack of this landing zone?"])
    accounts = outputs["accounts"] if isinstance(outputs["accounts"], dict) else {}
    errors = []
    account = accounts.get(account_name)
    if not isinstance(account, dict) or not account.get("id") or not account.get("roleArn"):
        known = ", ".join(sorted(accounts)) or "none"
        errors.append(f"organization.account: {account_name!r} is not an account of {where} (its accounts: {known})")
    elif account.get("baseline") == "organization":
        # The org stack records Config there already: a second recorder in a region is refused by AWS.
        errors.append(f"organization.account: {account_name!r} gets its regional baseline from {where} (an account "
                      "outside the environments' units); an environment deploys into workload-<environment> or an "
                      "account in its environment's unit")
    governed = tuple(str(r) for r in outputs["governedRegions"] or ())
    if env.region not in governed:
        errors.append(f"organization: the stack's aws:region {env.region!r} is not governed by {where} "
                      f"(governed regions: {', '.join(governed)}); its region-deny SCP would refuse every request")
    if errors:
        raise LandingZoneConfigError(errors)
    assert isinstance(account, dict)
    return OrganizationLink(
        stack=membership.stack, account_name=account_name, account_id=str(account["id"]),
        role_arn=str(account["roleArn"]), organization_id=str(outputs["organizationId"]),
        management_account_id=str(outputs["managementAccountId"]), governed_regions=governed,
        log_archive_bucket_name=str(outputs["logArchiveBucketName"]),
        log_archive_bucket_arn=str(outputs["logArchiveBucketArn"]), logs_key_arn=str(outputs["logsKeyArn"]),
        alerts_topic_arn=str(outputs["alertsTopicArn"]), reference=reference)


class MemberAudit(pulumi.ComponentResource):
    """The audit domain of a member account: what AuditBaseline builds, less what the organization owns.

    No trail (the organization trail records this account) and no GuardDuty detector or Security Hub
    (their delegated administrator enables both in every member); AWS Config records this account and
    delivers to the organization's archive with its key. The local LogArchive makes no archive bucket
    (nothing writes to one), only the buckets that must sit in this account and region (ALB access
    logs, S3 server access logs). The attributes are
    AuditBaseline's, the trail's and the detector's None.
    """

    def __init__(
        self,
        name: str,
        spec: AuditSpec,
        *,
        env: Environment,
        storage: StorageSpec,
        logs_key_arn: pulumi.Input[str],
        link: OrganizationLink,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("audit", "MemberAudit"), name, None, env.options(opts))
        mine = pulumi.ResourceOptions(parent=self)
        # Nothing writes to an archive of its own any more: no archive bucket, the access-log buckets stay.
        self.log_archive = LogArchive(
            logical_name(name, "log-archive"), storage, logs_key_arn=logs_key_arn, env=env, archive=False,
            opts=mine)
        self.config = ConfigRecorder(
            logical_name(name, "config"), spec.config_recorder, log_archive_bucket=link.log_archive_bucket_name,
            logs_key_arn=link.logs_key_arn, env=env, opts=mine)
        self.log_archive_bucket_name: pulumi.Input[str] = link.log_archive_bucket_name
        self.log_archive_bucket_arn: pulumi.Input[str] = link.log_archive_bucket_arn
        self.access_log_bucket_name = self.log_archive.access_log_bucket_name
        self.elb_log_bucket_name = self.log_archive.elb_log_bucket_name
        self.trail_arn: pulumi.Output[str] | None = None
        self.trail_log_group_name: pulumi.Output[str] | None = None
        self.trail_log_group_arn: pulumi.Output[str] | None = None
        self.detector_id: pulumi.Output[str] | None = None
        self.register_outputs({
            "logArchiveBucketName": self.log_archive_bucket_name, "accessLogBucketName": self.access_log_bucket_name,
            "elbLogBucketName": self.elb_log_bucket_name,
        })


class GovernedRegions(pulumi.ComponentResource):
    """The regional security baseline of a member account in the organization's other governed regions.

    In each governed region but the stack's own (where MemberAudit and StorageBaseline do it), through a
    provider into the account in that region: AWS Config records every resource type into the
    organization's archive (with the recorder role MemberAudit made; IAM is global) and EBS encrypts new
    volumes by default. GuardDuty and Security Hub reach these regions through the organization
    configurations, Access Analyzer through the organization analyzer. Networks stay where the
    environment configures them.
    """

    def __init__(
        self,
        name: str,
        *,
        env: Environment,
        link: OrganizationLink,
        recorder_role_arn: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("audit", "GovernedRegions"), name, None, env.options(opts))
        self.regions = [r for r in link.governed_regions if r != env.region]
        for region in self.regions:
            provider = link.provider(logical_name(name, region), env, self, region=region)
            at = pulumi.ResourceOptions(parent=self, provider=provider)
            recorder = aws.cfg.Recorder(
                logical_name(name, region, "config-recorder"), name=recorder_name(env.name),
                role_arn=recorder_role_arn, recording_group=aws.cfg.RecorderRecordingGroupArgs(
                    all_supported=True, include_global_resource_types=True),
                opts=at)
            channel = aws.cfg.DeliveryChannel(
                logical_name(name, region, "config-delivery"), name=recorder_name(env.name),
                s3_bucket_name=link.log_archive_bucket_name, s3_kms_key_arn=link.logs_key_arn,
                snapshot_delivery_properties=aws.cfg.DeliveryChannelSnapshotDeliveryPropertiesArgs(
                    delivery_frequency="TwentyFour_Hours"),
                opts=pulumi.ResourceOptions.merge(at, pulumi.ResourceOptions(depends_on=[recorder])))
            aws.cfg.RecorderStatus(
                logical_name(name, region, "config-recording"), name=recorder.name, is_enabled=True,
                opts=pulumi.ResourceOptions.merge(at, pulumi.ResourceOptions(depends_on=[channel])))
            aws.ebs.EncryptionByDefault(logical_name(name, region, "ebs-encryption"), enabled=True, opts=at)
        self.register_outputs({"regions": self.regions})
