"""The bucket a trail delivers to has S3 server access logging (CIS 3.4; a stack rule)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation
from .._lib.audit import BUCKET_LOGGING, BUCKETS, TRAIL


def _is_bucket(stack: StackView, source: ResourceView, prop: str, bucket: ResourceView) -> bool:
    # refers_to joins on the bucket's id (its name) or, in preview, on the dependency record; a
    # literal name matches the bucket's declared name.
    name = bucket.get("bucket")
    return stack.refers_to(source, prop, bucket) or (bool(name) and source.get(prop) == name)


def _inline_logging(bucket: ResourceView) -> bool:
    logging = bucket.get("logging")  # Bucket: one block; BucketV2: a list
    if logging and logging.get("targetBucket"):
        return True
    return any(entry.get("targetBucket") for entry in bucket.get("loggings") or ())


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    trails = stack.of_type(TRAIL)
    loggings = stack.of_type(*BUCKET_LOGGING)
    for bucket in stack.of_type(*BUCKETS):
        users = [t.name for t in trails if _is_bucket(stack, t, "s3BucketName", bucket)]
        if not users or _inline_logging(bucket):
            continue
        if not any(_is_bucket(stack, lg, "bucket", bucket) and lg.get("targetBucket") for lg in loggings):
            yield Violation(f"bucket {bucket.name} receives CloudTrail logs ({', '.join(users)}) but has no "
                            "server access logging", "logging", bucket.urn)


RULE = StackRule(
    id="cloudtrail_bucket_access_logging",
    title="The S3 bucket CloudTrail delivers to has server access logging",
    description=("The trail bucket holds the account's evidence; access logs on it record who read or "
                 "deleted that evidence, which the trail itself does not. Buckets declared in another "
                 "stack are checked there."),
    severity=Severity.MEDIUM,
    frameworks={
        "cis-aws-5.0": ("3.4",),
        "cis-aws-3.0": ("3.4",),
        "seed": ("audited", "logging"),
    },
    remediation=("Add aws.s3.BucketLogging(bucket=trail_bucket.id, target_bucket=access_logs_bucket.id, "
                 "target_prefix=\"cloudtrail/\") for the bucket named in the trail's s3_bucket_name."),
    evaluate=evaluate,
)
