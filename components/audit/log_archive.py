"""LogArchive: the central evidence store, its access-log bucket and the ALB access-log bucket."""

from __future__ import annotations

import pulumi

from ..base import AccountContext, logical_name, type_token
from ..environment import Environment
from ..storage.encrypted_bucket import EncryptedBucket
from ..storage.plan import bucket_arn, bucket_name
from ..storage.spec import BucketSpec, StorageSpec
from .documents import access_log_grants, elb_log_grants, log_archive_grants
from .plan import trail_arn


def log_bucket_specs(storage: StorageSpec, account: AccountContext, environment: str, *, with_archive: bool = True
                     ) -> tuple[BucketSpec, BucketSpec, BucketSpec | None]:
    """(log archive, access logs, ELB logs or None). Pure: every grant names exact, precomputed ARNs.

    `with_archive=False` (no archive bucket is made): the access-log bucket takes the ELB bucket's logs only.
    """
    arn = {p: bucket_arn(account, bucket_name(environment, p, account))
           for p in ("log-archive", "access-logs", "elb-logs")}
    archive = BucketSpec(
        purpose="log-archive", lifecycle=storage.lifecycle, object_lock=storage.log_archive_object_lock,
        grants=tuple(log_archive_grants(account, arn["log-archive"], trail_arn(account, environment))))
    # S3 server access logging and ELB send no SSE header: they rely on the default encryption.
    access = BucketSpec(
        purpose="access-logs", lifecycle=storage.lifecycle, require_encryption_header=False,
        grants=tuple(access_log_grants(account, arn["access-logs"], [
            *([arn["log-archive"]] if with_archive else []), *([arn["elb-logs"]] if storage.elb_log_bucket else [])])))
    if not storage.elb_log_bucket:
        return archive, access, None
    # ALB access logs support only SSE-S3, so this one bucket is AES256 (documented AWS limitation).
    elb = BucketSpec(purpose="elb-logs", lifecycle=storage.lifecycle, kms=False, require_encryption_header=False,
                     grants=tuple(elb_log_grants(account, arn["elb-logs"])))
    return archive, access, elb


class LogArchive(pulumi.ComponentResource):
    """Children: EncryptedBuckets `<name>-archive`, `<name>-access-logs` and, if asked, `<name>-elb-logs`.

    `archive=False`: no `<name>-archive` (a member of an organization delivers to the organization's
    archive; the ALB and S3 access-log buckets stay, as both must be in the account and region);
    `bucket_name` and `bucket_arn` are then None.
    """

    bucket_name: pulumi.Output[str] | None
    bucket_arn: pulumi.Output[str] | None
    access_log_bucket_name: pulumi.Output[str]
    elb_log_bucket_name: pulumi.Output[str] | None

    def __init__(
        self,
        name: str,
        storage: StorageSpec,
        *,
        env: Environment,
        logs_key_arn: pulumi.Input[str],
        archive: bool = True,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        account = env.account
        super().__init__(type_token("audit", "LogArchive"), name, None, env.options(opts))
        archive_plan, access_plan, elb_plan = log_bucket_specs(storage, account, env.name, with_archive=archive)
        mine = pulumi.ResourceOptions(parent=self)
        access = EncryptedBucket(logical_name(name, "access-logs"), access_plan, kms_key_arn=logs_key_arn,
                                 access_log_bucket=None, env=env, opts=mine)
        self.archive = None if not archive else EncryptedBucket(
            logical_name(name, "archive"), archive_plan, kms_key_arn=logs_key_arn,
            access_log_bucket=access.bucket_name, env=env, opts=mine)
        self.access_logs = access
        self.elb_logs = None if elb_plan is None else EncryptedBucket(
            logical_name(name, "elb-logs"), elb_plan, kms_key_arn=None, access_log_bucket=access.bucket_name,
            env=env, opts=mine)
        self.bucket_name = None if self.archive is None else self.archive.bucket_name
        self.bucket_arn = None if self.archive is None else self.archive.arn
        self.access_log_bucket_name = access.bucket_name
        self.elb_log_bucket_name = None if self.elb_logs is None else self.elb_logs.bucket_name
        self.register_outputs({"bucketName": self.bucket_name, "bucketArn": self.bucket_arn,
                               "accessLogBucketName": self.access_log_bucket_name,
                               "elbLogBucketName": self.elb_log_bucket_name})
