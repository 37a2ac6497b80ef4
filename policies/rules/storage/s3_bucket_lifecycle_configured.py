"""Every bucket has an enabled lifecycle rule (inline lifecycleRules or a BucketLifecycleConfiguration)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, Violation
from .._lib.s3 import S3Bucket, bucket_rule, facts


def check(bucket: S3Bucket, config: Mapping[str, Any]) -> Iterator[Violation]:
    found = facts(bucket, "lifecycle")
    if not found:
        yield Violation(f"bucket {bucket.name} has no lifecycle configuration", "lifecycleRules")
    elif not any(f.value == "Enabled" for f in found):
        yield Violation(f"bucket {bucket.name} has lifecycle rules but none is Enabled", found[0].path)


RULE = bucket_rule(
    "s3_bucket_lifecycle_configured",
    check,
    title="S3 buckets have a lifecycle configuration",
    description=(
        "Without lifecycle rules, noncurrent versions, incomplete multipart uploads and old logs pile up "
        "forever: cost grows and data is kept longer than any retention policy says. Log archives "
        "should move to archive tiers and expire on schedule."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("S3.13",), "seed": ("logging", "data-encryption")},
    remediation=(
        "Add aws.s3.BucketLifecycleConfiguration(bucket=bucket.id, rules=[...(id=\"retention\", "
        'status="Enabled", transitions=[...], noncurrent_version_expiration=...)]).'
    ),
)
