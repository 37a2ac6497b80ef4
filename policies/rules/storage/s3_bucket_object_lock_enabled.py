"""Every bucket has S3 Object Lock enabled (optionally with a default retention in a given mode)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, Violation
from .._lib.s3 import S3Bucket, bucket_rule, targets

LOCK_CONFIG_TYPES = (
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
)


def _retention_mode(config: Any) -> Any:
    return (((config or {}).get("rule") or {}).get("defaultRetention") or {}).get("mode")


def check(bucket: S3Bucket, config: Mapping[str, Any]) -> Iterator[Violation]:
    props, stack = bucket.resource.props, bucket.stack
    inline = props.get("objectLockConfiguration") or {}
    split = [r for r in stack.of_type(*LOCK_CONFIG_TYPES) if targets(stack, r, bucket.resource)]
    enabled = (props.get("objectLockEnabled") is True or inline.get("objectLockEnabled") == "Enabled"
               or any((r.get("objectLockEnabled") or "Enabled") == "Enabled" for r in split))
    if not enabled:
        yield Violation(f"bucket {bucket.name} does not enable Object Lock (object_lock_enabled is "
                        f"{props.get('objectLockEnabled')!r}; AWS's default is off)", "objectLockEnabled")
        return
    wanted = config["mode"]
    modes = [m for m in [_retention_mode(inline), *(_retention_mode(r.props) for r in split)] if m]
    if wanted and wanted not in modes:
        yield Violation(f"bucket {bucket.name} has Object Lock but no default retention in {wanted} mode "
                        f"(found {modes or 'none'})", "objectLockConfiguration")


RULE = bucket_rule(
    "s3_bucket_object_lock_enabled",
    check,
    title="S3 buckets have Object Lock enabled",
    description=(
        "Object Lock stores objects write-once-read-many: a locked version cannot be overwritten or deleted "
        "until its retention ends, not even by an administrator in COMPLIANCE mode. It is what keeps backups "
        "and audit logs intact through ransomware or a compromised deployer. Reads Bucket/BucketV2 "
        "object_lock_enabled, legacy object_lock_configuration, and both BucketObjectLockConfiguration tokens."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("S3.15",), "seed": ("data-encryption", "high-availability")},
    remediation=(
        "Create the bucket with object_lock_enabled=True and add aws.s3.BucketObjectLockConfiguration("
        "bucket=bucket.id, rule=...(default_retention=...(mode=\"GOVERNANCE\", days=30))); exempt buckets whose "
        "objects must be deletable at any time."
    ),
    config={"mode": {"type": "string", "default": "", "enum": ["", "GOVERNANCE", "COMPLIANCE"],
                     "description": "require a default retention in this mode (FSBP's mode parameter); empty: any"}},
)
