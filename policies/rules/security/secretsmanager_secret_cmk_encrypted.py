"""Secrets Manager secrets are encrypted with a customer managed KMS key, not aws/secretsmanager."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.security import is_aws_managed_key


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    key = resource.get("kmsKeyId")
    if not key:
        yield Violation("kms_key_id is not set: AWS encrypts with the AWS managed key aws/secretsmanager; a "
                        "customer managed key is required", "kmsKeyId")
    elif is_aws_managed_key(key, "secretsmanager"):
        yield Violation(f"kms_key_id is {key!r}, the AWS managed key; a customer managed key is required",
                        "kmsKeyId")


RULE = ResourceRule(
    id="secretsmanager_secret_cmk_encrypted",
    title="Secrets Manager secrets are encrypted with a customer managed KMS key",
    description=(
        "Every secret is encrypted; by default with aws/secretsmanager, whose key policy lets any principal "
        "in the account with secretsmanager:GetSecretValue decrypt. A customer managed key adds a second, "
        "separately owned gate (its key policy), cross-account sharing becomes possible only through it, and "
        "CloudTrail records its Decrypt calls under your key."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("data-encryption",)},
    remediation="Set kms_key_id=secrets_key.arn on aws.secretsmanager.Secret (the environment's secrets key).",
    resource_types=("aws:secretsmanager/secret:Secret",),
    evaluate=evaluate,
)
