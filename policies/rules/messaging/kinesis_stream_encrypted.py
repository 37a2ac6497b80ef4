"""Kinesis data streams are encrypted at rest with KMS (Kinesis.1)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    kind = resource.get("encryptionType")
    if kind != "KMS":
        shown = "not set (AWS default: NONE)" if kind is None else repr(kind)
        yield Violation(f"encryptionType is {shown}: records are stored unencrypted; KMS is required",
                        "encryptionType")
    elif not resource.get("kmsKeyId"):
        yield Violation("encryptionType is KMS but kmsKeyId is not set; name a key (alias/aws/kinesis or "
                        "a customer-managed key)", "kmsKeyId")


RULE = ResourceRule(
    id="kinesis_stream_encrypted",
    title="Kinesis data streams are encrypted at rest with a KMS key",
    description=(
        "Kinesis Data Streams does not encrypt records at rest unless server-side encryption is turned "
        "on: the provider's default encryptionType is NONE. The rule demands encryptionType KMS with a "
        "key, so reading stored records needs kms:Decrypt as well as Kinesis permissions."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Kinesis.1",), "seed": ("data-encryption",)},
    remediation='Set encryption_type="KMS" and kms_key_id= (the environment key, or "alias/aws/kinesis").',
    resource_types=("aws:kinesis/stream:Stream",),
    evaluate=evaluate,
)
