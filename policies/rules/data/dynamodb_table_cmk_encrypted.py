"""DynamoDB tables and table replicas are encrypted with a customer managed KMS key (seed; not an FSBP control)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA, kind, truthy


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if resource.type == DYNAMODB_TABLE_REPLICA:
        if not resource.get("kmsKeyArn"):
            yield Violation(f"TableReplica {resource.name}: kmsKeyArn is not set, so the replica uses the AWS "
                            "owned key; this rule demands a customer managed KMS key", "kmsKeyArn")
        return
    sse = resource.get("serverSideEncryption") or {}
    enabled = truthy(sse.get("enabled"))
    if not enabled:
        now = "not set" if enabled is None else "false"
        yield Violation(f"{kind(resource)} {resource.name}: serverSideEncryption.enabled is {now}, so the table "
                        "uses the AWS owned key (DynamoDB always encrypts at rest); this rule demands a customer "
                        "managed KMS key", "serverSideEncryption.enabled")
    elif not sse.get("kmsKeyArn"):
        yield Violation(f"{kind(resource)} {resource.name}: serverSideEncryption has no kmsKeyArn, so the table "
                        "uses the AWS managed key aws/dynamodb; this rule demands a customer managed KMS key",
                        "serverSideEncryption.kmsKeyArn")
    for i, replica in enumerate(resource.get("replicas") or ()):
        if not replica.get("kmsKeyArn"):
            yield Violation(f"{kind(resource)} {resource.name}: replicas[{i}] ({replica.get('regionName')}) has "
                            "no kmsKeyArn; this rule demands a customer managed KMS key in every region",
                            f"replicas[{i}].kmsKeyArn")


RULE = ResourceRule(
    id="dynamodb_table_cmk_encrypted",
    title="DynamoDB tables and table replicas are encrypted with a customer managed KMS key",
    description=(
        "DynamoDB encrypts every table at rest, by default with an AWS owned key that no key policy or "
        "CloudTrail record governs. A customer managed key puts reads behind its key policy, logs each use "
        "and can be disabled in an incident. This demands more than AWS's default and than FSBP (which has "
        "no such control); it is the seed article's data-encryption characteristic."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("data-encryption",)},
    remediation=(
        "Set server_side_encryption=aws.dynamodb.TableServerSideEncryptionArgs(enabled=True, "
        "kms_key_arn=key.arn) on the aws.dynamodb.Table, kms_key_arn= on each replicas[] entry and on "
        "every aws.dynamodb.TableReplica."
    ),
    resource_types=(DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA),
    evaluate=evaluate,
)
