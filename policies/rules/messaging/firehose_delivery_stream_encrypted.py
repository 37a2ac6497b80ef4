"""Firehose delivery streams encrypt buffered data at rest (DataFirehose.1)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    # With a Kinesis stream or MSK source Firehose reads records already encrypted by the source and
    # does not accept its own SSE; the source stream is judged by kinesis_stream_encrypted.
    if resource.get("kinesisSourceConfiguration") or resource.get("mskSourceConfiguration"):
        return
    sse = resource.get("serverSideEncryption") or {}
    if sse.get("enabled") is not True:
        shown = "not set" if not sse else f"enabled={sse.get('enabled')!r}"
        yield Violation(f"serverSideEncryption is {shown}: a Direct PUT stream buffers records unencrypted "
                        "(AWS default: off)", "serverSideEncryption.enabled")
    elif config["require_customer_managed_key"] and sse.get("keyType") != "CUSTOMER_MANAGED_CMK":
        yield Violation(f"serverSideEncryption keyType is {sse.get('keyType') or 'AWS_OWNED_CMK (default)'}; "
                        "this stack requires CUSTOMER_MANAGED_CMK", "serverSideEncryption.keyType")


RULE = ResourceRule(
    id="firehose_delivery_stream_encrypted",
    title="Firehose delivery streams are encrypted at rest with server-side encryption",
    description=(
        "A Direct PUT delivery stream buffers records before delivery; server-side encryption is off "
        "unless server_side_encryption is enabled. Streams reading from Kinesis or MSK are not "
        "applicable (their source holds the data at rest). Destination encryption (S3, Redshift, ...) is "
        "judged on the destination."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("DataFirehose.1",), "seed": ("data-encryption",)},
    remediation=(
        "Set server_side_encryption=aws.kinesis.FirehoseDeliveryStreamServerSideEncryptionArgs(enabled=True, "
        'key_type="CUSTOMER_MANAGED_CMK", key_arn=key.arn) on the FirehoseDeliveryStream.'
    ),
    resource_types=("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",),
    config={"require_customer_managed_key": {
        "type": "boolean", "default": False,
        "description": "also fail streams encrypted with the AWS-owned key instead of a customer-managed one"}},
    evaluate=evaluate,
)
