"""Every bucket has server access logging (inline logging/loggings or a BucketLogging resource)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, Violation
from .._lib.s3 import SPLIT_TYPES, S3Bucket, bucket_rule, buckets, facts, targets


def is_log_target(bucket: S3Bucket) -> bool:
    """Another logging configuration in the stack delivers into this bucket."""
    stack = bucket.stack
    split = stack.of_type(*SPLIT_TYPES["logging"])
    if any(targets(stack, log, bucket.resource, "targetBucket") for log in split):
        return True
    names = {bucket.resource.get("bucket"), bucket.resource.get("id")} - {None}
    return any(urn != bucket.resource.urn and target in names for urn, target in _inline_log_targets(stack))


def _inline_log_targets(stack: Any) -> list[tuple[str, Any]]:
    """(bucket urn, target) of every bucket's logging settings, collected once per stack."""
    if "s3-log-targets" not in stack.memo:
        stack.memo["s3-log-targets"] = [
            (other.resource.urn, fact.value) for other in buckets(stack) for fact in facts(other, "logging")]
    result: list[tuple[str, Any]] = stack.memo["s3-log-targets"]
    return result


def check(bucket: S3Bucket, config: Mapping[str, Any]) -> Iterator[Violation]:
    found = [f for f in facts(bucket, "logging") if f.value]
    if found or (config["skip_log_targets"] and is_log_target(bucket)):
        return
    yield Violation(f"bucket {bucket.name} has no server access logging", "logging")


RULE = bucket_rule(
    "s3_bucket_access_logging",
    check,
    title="S3 buckets have server access logging",
    description=(
        "Server access logs record every request, including the anonymous and denied ones CloudTrail "
        "data events can miss; they are the evidence for who read what. Buckets that receive access logs "
        "are skipped by default (logging a log bucket into itself loops). Covers CIS 3.4 for the "
        "CloudTrail bucket."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("S3.9",), "cis-aws-3.0": ("3.4",), "seed": ("audited", "logging")},
    remediation=(
        "Add aws.s3.BucketLogging(bucket=bucket.id, target_bucket=access_logs_bucket.id, "
        'target_prefix=f"{name}/") pointing at the environment\'s access-log bucket.'
    ),
    config={"skip_log_targets": {
        "type": "boolean", "default": True,
        "description": "skip buckets that are the target of another bucket's access logging in this stack",
    }},
)
