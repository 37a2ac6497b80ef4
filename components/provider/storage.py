"""EncryptedBucket for every Pulumi language: a purpose, a key and the lifecycle as plain arguments."""

from typing import NotRequired, TypedDict

import pulumi

from ..environment import Environment as EnvironmentValue
from ..storage.encrypted_bucket import EncryptedBucket as _EncryptedBucket
from ..storage.plan import bucket_name
from ..storage.spec import BucketSpec
from .args import Environment, InputPropertyErrorDetails, compact, environment_of, invalid, token, validated


class Lifecycle(TypedDict):
    """Storage tiers of the bucket; leave a tier out to keep its default."""

    standard_ia_days: NotRequired[int]
    """Days until STANDARD_IA (>= 30); default 90."""
    glacier_days: NotRequired[int]
    """Days until GLACIER (>= 30 after STANDARD_IA); default 180."""
    deep_archive_days: NotRequired[int]
    """Days until DEEP_ARCHIVE (>= 90 after GLACIER); default 365."""
    noncurrent_version_expiration_days: NotRequired[int]
    """Days a replaced or deleted object version is kept (1-36500); default 365."""
    abort_incomplete_multipart_days: NotRequired[int]
    """Days after which incomplete multipart uploads are removed (1-365); default 7."""


class EncryptedBucketArgs(TypedDict):
    """A private, versioned, TLS-only bucket named `lz-<environment>-<purpose>-<account>-<region>`."""

    environment: Environment
    """Where and how the bucket deploys (`protect` protects the bucket itself)."""
    purpose: str
    """What the bucket holds (lowercase letters, digits, '-'): part of its name and its `purpose` tag."""
    kms_key_arn: NotRequired[pulumi.Input[str]]
    """KMS key for SSE-KMS; without one the bucket uses SSE-S3 (for writers such as ELB that cannot use KMS)."""
    access_log_bucket: NotRequired[pulumi.Input[str]]
    """Bucket (name) that receives this bucket's server access logs; default none."""
    lifecycle: NotRequired[Lifecycle]
    """Storage tiers; default 90/180/365 days."""


_LIFECYCLE_KEYS = {"standard_ia_days": "standardIaDays", "glacier_days": "glacierDays",
                   "deep_archive_days": "deepArchiveDays",
                   "noncurrent_version_expiration_days": "noncurrentVersionExpirationDays",
                   "abort_incomplete_multipart_days": "abortIncompleteMultipartDays"}


class EncryptedBucket(pulumi.ComponentResource):
    """An S3 bucket that is never public nor unencrypted: versioned, TLS-only, with lifecycle tiers."""

    bucket_name: pulumi.Output[str]
    """The bucket's name."""
    arn: pulumi.Output[str]
    """The bucket's ARN."""

    def __init__(self, name: str, args: EncryptedBucketArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        raw = compact(dict(args))
        kms_key_arn = raw.get("kms_key_arn")
        spec = validated("EncryptedBucket", BucketSpec, {
            "purpose": raw.get("purpose"), "kms": kms_key_arn is not None,
            "lifecycle": {_LIFECYCLE_KEYS[k]: v for k, v in compact(raw.get("lifecycle") or {}).items()}})
        env = environment_of("EncryptedBucket", raw.get("environment") or {})
        _check_name(spec.purpose, env)
        super().__init__(token("EncryptedBucket"), name, None, opts)
        bucket = _EncryptedBucket(name, spec, env=env, kms_key_arn=kms_key_arn,
                                  access_log_bucket=raw.get("access_log_bucket"),
                                  opts=pulumi.ResourceOptions(parent=self))
        self.bucket_name = bucket.bucket_name
        self.arn = bucket.arn
        self.register_outputs({"bucketName": self.bucket_name, "arn": self.arn})


def _check_name(purpose: str, env: EnvironmentValue) -> None:
    try:
        bucket_name(env.name, purpose, env.account)
    except ValueError as exc:
        problem = InputPropertyErrorDetails(property_path="purpose", reason=str(exc))
        raise invalid("EncryptedBucket", [problem]) from None
