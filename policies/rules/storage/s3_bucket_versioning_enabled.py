"""Every bucket has versioning Enabled (optionally with MFA delete)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, Violation
from .._lib.s3 import S3Bucket, bucket_rule, facts


def check(bucket: S3Bucket, config: Mapping[str, Any]) -> Iterator[Violation]:
    settings = [("versioning", "versioning")]
    if config["require_mfa_delete"]:
        settings.append(("mfa_delete", "MFA delete"))
    for setting, what in settings:
        found = facts(bucket, setting)
        if not found:
            yield Violation(f"bucket {bucket.name} does not declare {what}", "versioning")
        for fact in found:
            if fact.value != "Enabled":
                yield Violation(f"{fact.where} is {fact.value!r}, not Enabled", fact.path)


RULE = bucket_rule(
    "s3_bucket_versioning_enabled",
    check,
    title="S3 buckets have versioning enabled",
    description=(
        "Versioning keeps every overwritten or deleted object recoverable, so a compromised writer or a "
        "mistaken sync cannot destroy data or evidence. Reads Bucket's versioning, BucketV2's versionings "
        "and both BucketVersioning tokens; every declaration must say Enabled."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("S3.14",), "seed": ("data-encryption",)},
    remediation=(
        "Add aws.s3.BucketVersioning(bucket=bucket.id, versioning_configuration="
        'aws.s3.BucketVersioningVersioningConfigurationArgs(status="Enabled")).'
    ),
    config={"require_mfa_delete": {
        "type": "boolean", "default": False,
        "description": "also require MFA delete (CIS 2.1.2); it can only be set with the root user's MFA",
    }},
)
