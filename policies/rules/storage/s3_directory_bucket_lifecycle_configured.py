"""Every S3 directory bucket (S3 Express One Zone) has an enabled lifecycle rule."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.s3 import SPLIT_TYPES
from .._lib.security import owned_by

DIRECTORY_BUCKET = "aws:s3/directoryBucket:DirectoryBucket"


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    lifecycles = stack.of_type(*SPLIT_TYPES["lifecycle"])

    def check(bucket: ResourceView) -> Iterator[Violation]:
        mine = [c for c in lifecycles if owned_by(stack, c, "bucket", bucket, keys=("id", "bucket"))]
        statuses = [rule.get("status") for c in mine for rule in c.get("rules") or ()]
        if not mine:
            yield Violation(f"directory bucket {bucket.name} has no lifecycle configuration (AWS adds none)")
        elif "Enabled" not in statuses:
            yield Violation(f"directory bucket {bucket.name} has lifecycle rules but none is Enabled ({statuses})")

    yield from each_resource(stack.of_type(DIRECTORY_BUCKET), check)


RULE = StackRule(
    id="s3_directory_bucket_lifecycle_configured",
    title="S3 directory buckets have lifecycle configurations",
    description=(
        "Directory buckets (S3 Express One Zone) hold hot, single-AZ copies of data; without an expiration "
        "rule objects and incomplete multipart uploads stay forever, at the storage class's premium price "
        "and past any retention policy. Passes with a BucketLifecycleConfiguration naming the directory "
        "bucket with at least one Enabled rule."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("S3.25",), "seed": ("data-encryption",)},
    remediation=(
        "Add aws.s3.BucketLifecycleConfiguration(bucket=directory_bucket.bucket, rules=[...(id=\"expire\", "
        "status=\"Enabled\", expiration=...(days=30), abort_incomplete_multipart_upload=...("
        "days_after_initiation=1))])."
    ),
    evaluate=evaluate,
)
