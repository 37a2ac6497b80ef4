"""EncryptedBucket: an S3 bucket that is encrypted, versioned, private, TLS-only and access-logged."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from ..base import child, logical_name, type_token
from ..environment import Environment
from .documents import bucket_policy
from .plan import BucketPlan, plan_bucket, plan_object_lock
from .spec import BucketSpec


class EncryptedBucket(pulumi.ComponentResource):
    """Children are named `<name>-<what>`; only the bucket itself holds data, so only it is protected."""

    bucket: aws.s3.Bucket
    bucket_name: pulumi.Output[str]
    arn: pulumi.Output[str]

    def __init__(
        self,
        name: str,
        spec: BucketSpec,
        *,
        env: Environment,
        kms_key_arn: pulumi.Input[str] | None,
        access_log_bucket: pulumi.Input[str] | None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        tagging, protect = env.tagging, env.protect
        self.plan = plan = plan_bucket(
            spec.purpose, env.name, env.account, spec.lifecycle, kms=spec.kms,
            object_lock=None if spec.object_lock is None else plan_object_lock(spec.object_lock, env.production),
            access_log_prefix=spec.access_log_prefix, require_encryption_header=spec.require_encryption_header,
            grants=spec.grants)
        super().__init__(type_token("storage", "EncryptedBucket"), name, None, env.options(opts))
        if plan.kms != (kms_key_arn is not None):
            raise ValueError(f"bucket {plan.bucket}: plan.kms={plan.kms} but kms_key_arn is "
                             f"{'set' if kms_key_arn is not None else 'missing'}")
        lock = plan.object_lock
        self.bucket = aws.s3.Bucket(
            logical_name(name, "bucket"), bucket=plan.bucket, force_destroy=False,
            object_lock_enabled=True if lock else None,
            tags=tagging.name(plan.bucket, purpose=plan.purpose), opts=child(self, protect=protect))
        b = self.bucket.id
        ownership = aws.s3.BucketOwnershipControls(
            logical_name(name, "ownership"), bucket=b,
            rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership="BucketOwnerEnforced"), opts=child(self))
        public_block = aws.s3.BucketPublicAccessBlock(
            logical_name(name, "public-access-block"), bucket=b, block_public_acls=True, block_public_policy=True,
            ignore_public_acls=True, restrict_public_buckets=True, opts=child(self))
        by_default = aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
            sse_algorithm="aws:kms" if kms_key_arn is not None else "AES256", kms_master_key_id=kms_key_arn)
        aws.s3.BucketServerSideEncryptionConfiguration(
            logical_name(name, "encryption"), bucket=b,
            rules=[aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                apply_server_side_encryption_by_default=by_default, bucket_key_enabled=kms_key_arn is not None)],
            opts=child(self))
        versioning = aws.s3.BucketVersioning(
            logical_name(name, "versioning"), bucket=b,
            versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(status="Enabled"),
            opts=child(self))
        policy = pulumi.Output.from_input(kms_key_arn).apply(lambda key: json.dumps(bucket_policy(
            plan.arn, key, require_encryption_header=plan.require_encryption_header, grants=plan.grants)))
        aws.s3.BucketPolicy(logical_name(name, "policy"), bucket=b, policy=policy,
                            opts=child(self, depends_on=[public_block, ownership]))
        self._lifecycle(name, plan, versioning)
        if lock is not None:
            aws.s3.BucketObjectLockConfiguration(
                logical_name(name, "object-lock"), bucket=b, object_lock_enabled="Enabled",
                rule=aws.s3.BucketObjectLockConfigurationRuleArgs(
                    default_retention=aws.s3.BucketObjectLockConfigurationRuleDefaultRetentionArgs(
                        mode=lock.mode, days=lock.days)),
                opts=child(self, depends_on=[versioning]))
        # The access-log bucket itself is the one bucket that does not log (it would log its own logs).
        if access_log_bucket is not None:
            aws.s3.BucketLogging(
                logical_name(name, "access-logging"), bucket=b, target_bucket=access_log_bucket,
                target_prefix=plan.access_log_prefix or f"{plan.bucket}/", opts=child(self))
        self.bucket_name = self.bucket.bucket
        self.arn = self.bucket.arn
        self.register_outputs({"bucketName": self.bucket_name, "arn": self.arn})

    def _lifecycle(self, name: str, plan: BucketPlan, versioning: aws.s3.BucketVersioning) -> None:
        life = plan.lifecycle
        aws.s3.BucketLifecycleConfiguration(
            logical_name(name, "lifecycle"), bucket=self.bucket.id,
            rules=[aws.s3.BucketLifecycleConfigurationRuleArgs(
                id="archive-tiers", status="Enabled",
                filter=aws.s3.BucketLifecycleConfigurationRuleFilterArgs(prefix=""),
                transitions=[aws.s3.BucketLifecycleConfigurationRuleTransitionArgs(
                    days=t.days, storage_class=t.storage_class) for t in life.transitions],
                noncurrent_version_expiration=aws.s3.BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs(
                    noncurrent_days=life.noncurrent_expiration_days),
                abort_incomplete_multipart_upload=aws.s3.BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs(
                    days_after_initiation=life.abort_multipart_days),
            )],
            opts=child(self, depends_on=[versioning]))
