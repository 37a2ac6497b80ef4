"""OrganizationTrail: the central archive (log-archive account), its key and alerts topic (audit), the trail."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from ..audit.plan import event_selectors
from ..base import child, type_token
from ..environment import Environment
from .documents import (
    access_log_bucket_policy,
    alerts_topic_policy,
    archive_bucket_policy,
    assume_role_policy,
    logs_key_policy,
    replication_role_policy,
    tls_only_bucket_policy,
    trail_log_key_policy,
    trail_logs_role_policy,
)
from .spec import OrganizationSpec


def _dumps(value: object) -> str:
    return json.dumps(value)


class OrganizationTrail(pulumi.ComponentResource):
    """Children: `logs-key` + `alerts-topic` (audit), `archive-*` (log-archive), `trail-*` (management).

    `audit` and `log_archive` are providers that assume the access role in those accounts in the home
    region; `audit_replica` and `log_archive_replica` are the same in `trail.replicationRegion` (given
    exactly when it is set). Keys, the archive and the trail are protected (env.protect).
    """

    bucket_name: pulumi.Output[str]
    bucket_arn: pulumi.Output[str]
    logs_key_arn: pulumi.Output[str]
    alerts_topic_arn: pulumi.Output[str]
    log_group_name: pulumi.Output[str]
    trail: aws.cloudtrail.Trail

    def __init__(
        self,
        name: str,
        spec: OrganizationSpec,
        *,
        env: Environment,
        organization_id: pulumi.Input[str],
        management_account_id: pulumi.Input[str],
        audit_account_id: pulumi.Input[str],
        log_archive_account_id: pulumi.Input[str],
        audit: aws.Provider,
        log_archive: aws.Provider,
        audit_replica: aws.Provider | None = None,
        log_archive_replica: aws.Provider | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("organization", "OrganizationTrail"), name, None, env.options(opts))
        tags, protect, part = env.tagging, env.protect, env.partition
        org, mgmt = pulumi.Output.from_input(organization_id), pulumi.Output.from_input(management_account_id)
        audit_id = pulumi.Output.from_input(audit_account_id)
        archive_id = pulumi.Output.from_input(log_archive_account_id)

        key = aws.kms.Key(
            "logs-key", description="Organization trail and central log archive", enable_key_rotation=True,
            deletion_window_in_days=30,
            policy=pulumi.Output.all(audit_id, org, mgmt).apply(
                lambda a: _dumps(logs_key_policy(a[0], a[1], a[2], part))),
            tags=tags.name("lz-org-logs-key"), opts=child(self, provider=audit, protect=protect))
        aws.kms.Alias("logs-key-alias", name="alias/lz-org-logs", target_key_id=key.key_id,
                      opts=child(self, provider=audit))
        self.logs_key_arn = key.arn

        topic = aws.sns.Topic("alerts-topic", name="lz-org-alerts", kms_master_key_id=key.arn,
                              tags=tags.name("lz-org-alerts"), opts=child(self, provider=audit))
        aws.sns.TopicPolicy("alerts-topic-policy", arn=topic.arn,
                            policy=pulumi.Output.all(topic.arn, org).apply(lambda a: _dumps(alerts_topic_policy(*a))),
                            opts=child(self, provider=audit))
        self.alerts_topic_arn = topic.arn

        bucket = self._bucket("archive", pulumi.Output.concat("lz-org-archive-", archive_id, "-", env.region),
                              key.arn, log_archive, protect, env, spec.trail.object_lock_days)
        self.bucket_name, self.bucket_arn = bucket.bucket, bucket.arn
        policy = aws.s3.BucketPolicy(
            "archive-policy", bucket=bucket.id,
            policy=pulumi.Output.all(bucket.arn, org, mgmt).apply(
                lambda a: _dumps(archive_bucket_policy(a[0], a[1], a[2], part))),
            opts=child(self, provider=log_archive))
        self._access_logs(bucket, archive_id, log_archive, env)
        if spec.trail.replication_region is not None:
            assert audit_replica is not None and log_archive_replica is not None
            self._replication(spec.trail.replication_region, bucket, key, archive_id, audit_id, org, mgmt,
                              (log_archive, audit_replica, log_archive_replica), protect, env,
                              spec.trail.object_lock_days)

        log_key = aws.kms.Key(
            "trail-log-key", description="Organization trail's CloudWatch log group", enable_key_rotation=True,
            deletion_window_in_days=30,
            policy=mgmt.apply(lambda m: _dumps(trail_log_key_policy(m, env.region, part))),
            tags=tags.name("lz-org-trail-log-key"), opts=child(self, protect=protect))
        group = aws.cloudwatch.LogGroup(
            "trail-log-group", name="/lz/org/cloudtrail", retention_in_days=spec.trail.log_group_retention_days,
            kms_key_id=log_key.arn, tags=tags.name("/lz/org/cloudtrail"), opts=child(self, protect=protect))
        self.log_group_name = group.name
        role = aws.iam.Role("trail-logs-role", name="lz-org-trail-logs",
                            assume_role_policy=_dumps(assume_role_policy("cloudtrail.amazonaws.com")),
                            tags=tags.name("lz-org-trail-logs"), opts=child(self))
        aws.iam.RolePolicy("trail-logs-role-policy", role=role.id,
                           policy=group.arn.apply(lambda arn: _dumps(trail_logs_role_policy(arn))), opts=child(self))
        # Environment stacks in the organization stop creating trails: this one carries their S3 data events.
        selectors = [
            aws.cloudtrail.TrailAdvancedEventSelectorArgs(name=s.name, field_selectors=[
                aws.cloudtrail.TrailAdvancedEventSelectorFieldSelectorArgs(field=f, equals=list(values))
                for f, values in s.fields])
            for s in event_selectors(spec.trail.s3_data_events)
        ]
        self.trail = aws.cloudtrail.Trail(
            "trail", name="lz-organization", is_organization_trail=True, is_multi_region_trail=True,
            include_global_service_events=True, enable_log_file_validation=True, enable_logging=True,
            s3_bucket_name=bucket.bucket, kms_key_id=key.arn,
            cloud_watch_logs_group_arn=group.arn.apply(lambda arn: f"{arn}:*"), cloud_watch_logs_role_arn=role.arn,
            advanced_event_selectors=selectors,
            tags=tags.name("lz-organization"), opts=child(self, protect=protect, depends_on=[policy]))
        self.register_outputs({"bucketName": self.bucket_name, "bucketArn": self.bucket_arn,
                               "logsKeyArn": self.logs_key_arn, "alertsTopicArn": self.alerts_topic_arn,
                               "trailArn": self.trail.arn})

    def _bucket(self, name: str, bucket_name: pulumi.Input[str], key_arn: pulumi.Input[str], provider: aws.Provider,
                protect: bool, env: Environment, lock_days: int) -> aws.s3.Bucket:
        at = child(self, provider=provider)
        bucket = aws.s3.Bucket(name, bucket=bucket_name, force_destroy=False, object_lock_enabled=True,
                               tags=env.tagging.name(name), opts=child(self, provider=provider, protect=protect))
        aws.s3.BucketOwnershipControls(f"{name}-ownership", bucket=bucket.id, rule={
            "object_ownership": "BucketOwnerEnforced"}, opts=at)
        aws.s3.BucketPublicAccessBlock(f"{name}-public-access-block", bucket=bucket.id, block_public_acls=True,
                                       block_public_policy=True, ignore_public_acls=True,
                                       restrict_public_buckets=True, opts=at)
        aws.s3.BucketServerSideEncryptionConfiguration(f"{name}-encryption", bucket=bucket.id, rules=[{
            "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key_arn},
            "bucket_key_enabled": True}], opts=at)
        versioning = aws.s3.BucketVersioning(f"{name}-versioning", bucket=bucket.id,
                                             versioning_configuration={"status": "Enabled"}, opts=at)
        # Evidence: objects cannot be overwritten or deleted within the retention (GOVERNANCE lets a
        # principal with s3:BypassGovernanceRetention correct a mistake, deliberately and logged).
        aws.s3.BucketObjectLockConfiguration(
            f"{name}-object-lock", bucket=bucket.id, object_lock_enabled="Enabled",
            rule={"default_retention": {"mode": "GOVERNANCE", "days": lock_days}},
            opts=child(self, provider=provider, depends_on=[versioning]))
        aws.s3.BucketLifecycleConfiguration(f"{name}-lifecycle", bucket=bucket.id, rules=[{
            "id": "archive-tiers", "status": "Enabled", "filter": {"prefix": ""},
            "transitions": [{"days": 90, "storage_class": "GLACIER_IR"},
                            {"days": 365, "storage_class": "DEEP_ARCHIVE"}],
            "abort_incomplete_multipart_upload": {"days_after_initiation": 7}}],
            opts=child(self, provider=provider, depends_on=[versioning]))
        aws.s3.BucketNotification(f"{name}-events", bucket=bucket.id, eventbridge=True, opts=at)
        return bucket

    def _access_logs(self, archive: aws.s3.Bucket, archive_id: pulumi.Output, provider: aws.Provider,
                     env: Environment) -> None:
        """Server access logs of the archive (CIS 3.4) in a bucket of their own: SSE-S3, the only encryption
        S3 log delivery writes with. No Object Lock (log delivery refuses a target with default retention) and
        no logging of its own (it would log its own logs)."""
        at = child(self, provider=provider)
        logs = aws.s3.Bucket("archive-access-logs", bucket=pulumi.Output.concat(
            "lz-org-access-logs-", archive_id, "-", env.region), force_destroy=False,
            tags=env.tagging.name("archive-access-logs"), opts=child(self, provider=provider, protect=env.protect))
        aws.s3.BucketOwnershipControls("archive-access-logs-ownership", bucket=logs.id,
                                       rule={"object_ownership": "BucketOwnerEnforced"}, opts=at)
        aws.s3.BucketPublicAccessBlock("archive-access-logs-public-access-block", bucket=logs.id,
                                       block_public_acls=True, block_public_policy=True, ignore_public_acls=True,
                                       restrict_public_buckets=True, opts=at)
        aws.s3.BucketServerSideEncryptionConfiguration("archive-access-logs-encryption", bucket=logs.id, rules=[{
            "apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}], opts=at)
        versioning = aws.s3.BucketVersioning("archive-access-logs-versioning", bucket=logs.id,
                                             versioning_configuration={"status": "Enabled"}, opts=at)
        aws.s3.BucketLifecycleConfiguration("archive-access-logs-lifecycle", bucket=logs.id, rules=[{
            "id": "archive-tiers", "status": "Enabled", "filter": {"prefix": ""},
            "transitions": [{"days": 90, "storage_class": "GLACIER_IR"}],
            "abort_incomplete_multipart_upload": {"days_after_initiation": 7}}],
            opts=child(self, provider=provider, depends_on=[versioning]))
        policy = aws.s3.BucketPolicy(
            "archive-access-logs-policy", bucket=logs.id,
            policy=pulumi.Output.all(logs.arn, archive_id).apply(lambda a: _dumps(access_log_bucket_policy(*a))),
            opts=at)
        aws.s3.BucketNotification("archive-access-logs-events", bucket=logs.id, eventbridge=True, opts=at)
        aws.s3.BucketLogging("archive-access-logging", bucket=archive.id, target_bucket=logs.id,
                             target_prefix="archive/", opts=child(self, provider=provider, depends_on=[policy]))

    def _replication(self, region: str, source: aws.s3.Bucket, source_key: aws.kms.Key, archive_id: pulumi.Output,
                     audit_id: pulumi.Output, org: pulumi.Output, mgmt: pulumi.Output,
                     providers: tuple[aws.Provider, aws.Provider, aws.Provider], protect: bool,
                     env: Environment, lock_days: int) -> None:
        """A second copy of the archive in another region (CKV_AWS_144), under a key of its own."""
        part = env.partition
        log_archive, audit_replica, log_archive_replica = providers
        key = aws.kms.Key(
            "replica-logs-key", description=f"Central log archive replica ({region})", enable_key_rotation=True,
            deletion_window_in_days=30,
            policy=pulumi.Output.all(audit_id, org, mgmt).apply(
                lambda a: _dumps(logs_key_policy(a[0], a[1], a[2], part))),
            tags=env.tagging.name("lz-org-logs-replica-key"), opts=child(self, provider=audit_replica, protect=protect))
        replica = self._bucket("archive-replica", pulumi.Output.concat("lz-org-archive-", archive_id, "-", region),
                               key.arn, log_archive_replica, protect, env, lock_days)
        aws.s3.BucketPolicy(
            "archive-replica-policy", bucket=replica.id,
            policy=replica.arn.apply(lambda arn: _dumps(tls_only_bucket_policy(arn))),
            opts=child(self, provider=log_archive_replica))
        role = aws.iam.Role("archive-replication-role", name="lz-org-archive-replication",
                            assume_role_policy=_dumps(assume_role_policy("s3.amazonaws.com")),
                            tags=env.tagging.name("lz-org-archive-replication"),
                            opts=child(self, provider=log_archive_replica))
        aws.iam.RolePolicy(
            "archive-replication-role-policy", role=role.id,
            policy=pulumi.Output.all(source.arn, replica.arn, source_key.arn, key.arn).apply(
                lambda a: _dumps(replication_role_policy(*a))),
            opts=child(self, provider=log_archive_replica))
        aws.s3.BucketReplicationConfig(
            "archive-replication", bucket=source.id, role=role.arn, rules=[{
                "id": "replicate-everything", "status": "Enabled", "filter": {}, "priority": 1,
                "delete_marker_replication": {"status": "Enabled"},
                "source_selection_criteria": {"sse_kms_encrypted_objects": {"status": "Enabled"}},
                "destination": {"bucket": replica.arn, "storage_class": "GLACIER_IR",
                                "encryption_configuration": {"replica_kms_key_id": key.arn}}}],
            opts=child(self, provider=log_archive))
