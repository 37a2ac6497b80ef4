"""Every bucket disables ACLs: BucketOwnershipControls with objectOwnership BucketOwnerEnforced."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, Violation
from .._lib.s3 import S3Bucket, bucket_rule, facts

ENFORCED = "BucketOwnerEnforced"


def check(bucket: S3Bucket, config: Mapping[str, Any]) -> Iterator[Violation]:
    found = facts(bucket, "ownership")
    if not found and not config["accept_aws_default"]:
        yield Violation(f"bucket {bucket.name} has no BucketOwnershipControls; AWS creates buckets with "
                        f"{ENFORCED} (ACLs disabled) since April 2023, but this rule demands it be declared "
                        "(or accept_aws_default=true)", "bucket")
    for fact in found:
        if fact.value != ENFORCED:
            yield Violation(f"{fact.where} is {fact.value!r}, not {ENFORCED}", fact.path)


RULE = bucket_rule(
    "s3_bucket_ownership_enforced",
    check,
    title="S3 buckets enforce bucket-owner ownership (ACLs disabled)",
    description=(
        "With ACLs enabled, objects uploaded by other accounts belong to the uploader and every object "
        "can carry its own grants, so the bucket policy no longer describes who can read the data. "
        "BucketOwnerEnforced disables ACLs and makes the policy the single source of access."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("S3.12",), "seed": ("user-management", "data-encryption")},
    remediation=(
        "Add aws.s3.BucketOwnershipControls(bucket=bucket.id, rule=aws.s3.BucketOwnershipControlsRuleArgs("
        'object_ownership="BucketOwnerEnforced")).'
    ),
    config={"accept_aws_default": {
        "type": "boolean", "default": False,
        "description": ("pass buckets with no BucketOwnershipControls (new buckets default to "
                        "BucketOwnerEnforced since April 2023; imported older buckets do not)"),
    }},
)
