"""LogArchive: the central evidence store, its access-log bucket and the ALB access-log bucket."""

from __future__ import annotations

import pulumi

from ..base import AccountContext, Tagging, logical_name, type_token
from ..storage.encrypted_bucket import EncryptedBucket
from ..storage.plan import BucketPlan, bucket_arn, bucket_name, plan_bucket, plan_object_lock
from ..storage.spec import StorageSpec
from .documents import access_log_grants, elb_log_grants, log_archive_grants
from .plan import trail_arn


def plan_log_buckets(storage: StorageSpec, account: AccountContext, environment: str, production: bool
                     ) -> tuple[BucketPlan, BucketPlan, BucketPlan | None]:
    """(log archive, access logs, ELB logs or None). Pure: every grant names exact, precomputed ARNs."""
    arn = {p: bucket_arn(account, bucket_name(environment, p, account))
           for p in ("log-archive", "access-logs", "elb-logs")}
    archive = plan_bucket(
        "log-archive", environment, account, storage.lifecycle,
        object_lock=plan_object_lock(storage.log_archive_object_lock, production),
        grants=log_archive_grants(account, arn["log-archive"], trail_arn(account, environment)))
    # S3 server access logging and ELB send no SSE header: they rely on the default encryption.
    access = plan_bucket(
        "access-logs", environment, account, storage.lifecycle, require_encryption_header=False,
        grants=access_log_grants(account, arn["access-logs"], [
            arn["log-archive"], *([arn["elb-logs"]] if storage.elb_log_bucket else [])]))
    if not storage.elb_log_bucket:
        return archive, access, None
    # ALB access logs support only SSE-S3, so this one bucket is AES256 (documented AWS limitation).
    elb = plan_bucket("elb-logs", environment, account, storage.lifecycle, kms=False,
                      require_encryption_header=False, grants=elb_log_grants(account, arn["elb-logs"]))
    return archive, access, elb


class LogArchive(pulumi.ComponentResource):
    """Children: EncryptedBuckets `<name>-archive`, `<name>-access-logs` and, if asked, `<name>-elb-logs`."""

    bucket_name: pulumi.Output[str]
    bucket_arn: pulumi.Output[str]
    access_log_bucket_name: pulumi.Output[str]
    elb_log_bucket_name: pulumi.Output[str] | None

    def __init__(
        self,
        name: str,
        storage: StorageSpec,
        *,
        logs_key_arn: pulumi.Input[str],
        account: AccountContext,
        tagging: Tagging,
        production: bool,
        protect: bool = True,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("audit", "LogArchive"), name, None, opts)
        archive_plan, access_plan, elb_plan = plan_log_buckets(storage, account, tagging.environment, production)
        mine = pulumi.ResourceOptions(parent=self)
        access = EncryptedBucket(logical_name(name, "access-logs"), access_plan, kms_key_arn=logs_key_arn,
                                 access_log_bucket=None, tagging=tagging, protect=protect, opts=mine)
        archive = EncryptedBucket(logical_name(name, "archive"), archive_plan, kms_key_arn=logs_key_arn,
                                  access_log_bucket=access.bucket_name, tagging=tagging, protect=protect,
                                  opts=mine)
        self.archive, self.access_logs = archive, access
        self.elb_logs = None if elb_plan is None else EncryptedBucket(
            logical_name(name, "elb-logs"), elb_plan, kms_key_arn=None, access_log_bucket=access.bucket_name,
            tagging=tagging, protect=protect, opts=mine)
        self.bucket_name, self.bucket_arn = archive.bucket_name, archive.arn
        self.access_log_bucket_name = access.bucket_name
        self.elb_log_bucket_name = None if self.elb_logs is None else self.elb_logs.bucket_name
        self.register_outputs({"bucketName": self.bucket_name, "bucketArn": self.bucket_arn,
                               "accessLogBucketName": self.access_log_bucket_name,
                               "elbLogBucketName": self.elb_log_bucket_name})
