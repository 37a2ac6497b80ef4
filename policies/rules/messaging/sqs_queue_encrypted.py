"""SQS queues are encrypted at rest (SQS.1); optionally with a KMS key."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

QUEUE = "aws:sqs/queue:Queue"


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    key = resource.get("kmsMasterKeyId")
    if key:
        return
    sse_sqs = resource.get("sqsManagedSseEnabled")
    if sse_sqs is False:
        yield Violation("sqsManagedSseEnabled is false and no kmsMasterKeyId is set: messages are stored "
                        "unencrypted", "sqsManagedSseEnabled")
    elif config["require_kms"]:
        shown = "SSE-SQS (sqsManagedSseEnabled true)" if sse_sqs else "SSE-SQS by AWS default (new queues since 2022)"
        yield Violation(f"queue is encrypted with {shown}, not a KMS key; this stack requires "
                        "kmsMasterKeyId", "kmsMasterKeyId")


RULE = ResourceRule(
    id="sqs_queue_encrypted",
    title="SQS queues are encrypted at rest (SSE-SQS or SSE-KMS)",
    description=(
        "Queues hold message bodies for up to 14 days. Since 2022 AWS encrypts new queues with SSE-SQS "
        "by default, so an unset sqsManagedSseEnabled passes; the rule fails a queue that turns SSE-SQS "
        "off (sqs_managed_sse_enabled=False) without a KMS key. With require_kms it also demands "
        "SSE-KMS, which puts reads behind a key policy (beyond AWS's default)."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("SQS.1",), "seed": ("data-encryption",)},
    remediation=(
        "Remove sqs_managed_sse_enabled=False, or set kms_master_key_id= to the environment's KMS key "
        "(alias/aws/sqs works for same-account producers)."
    ),
    resource_types=(QUEUE,),
    config={"require_kms": {"type": "boolean", "default": False,
                            "description": "also fail queues that rely on SSE-SQS instead of a KMS key"}},
    evaluate=evaluate,
)
