"""Every bucket has S3 event notifications (a BucketNotification with a destination or EventBridge)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, Violation
from .._lib.s3 import S3Bucket, bucket_rule, targets

NOTIFICATION = "aws:s3/bucketNotification:BucketNotification"
DESTINATIONS = ("topics", "queues", "lambdaFunctions")


def _notifies(resource: Any) -> bool:
    return resource.get("eventbridge") is True or any(resource.get(d) for d in DESTINATIONS)


def check(bucket: S3Bucket, config: Mapping[str, Any]) -> Iterator[Violation]:
    stack = bucket.stack
    found = [n for n in stack.of_type(NOTIFICATION) if targets(stack, n, bucket.resource)]
    if not found:
        yield Violation(f"bucket {bucket.name} has no event notifications (S3 sends none by default)", "bucket")
    elif not any(_notifies(n) for n in found):
        yield Violation(f"bucket {bucket.name}: BucketNotification {found[0].name} has no topic, queue, Lambda "
                        "function or EventBridge destination", "bucket")


RULE = bucket_rule(
    "s3_bucket_event_notifications",
    check,
    title="S3 buckets have event notifications enabled",
    description=(
        "Event notifications turn object creation, deletion and ACL changes into messages a detector or a "
        "team can act on; without them a mass delete or an unexpected upload is noticed only when someone "
        "looks. Passes with an aws.s3.BucketNotification naming the bucket with at least one SNS topic, SQS "
        "queue, Lambda function or eventbridge=True."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("S3.11",), "seed": ("centralized-alerts", "logging")},
    remediation=("Add aws.s3.BucketNotification(bucket=bucket.id, eventbridge=True) and route the events with "
                 "EventBridge rules."),
)
