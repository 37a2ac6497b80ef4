"""ECR repositories are encrypted with a customer managed KMS key."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.security import is_aws_managed_key

KMS_TYPES = ("KMS", "KMS_DSSE")


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    configs = list(resource.get("encryptionConfigurations") or ())
    if not configs:
        yield Violation("no encryption_configurations: AWS's default is AES256 (SSE-S3); a customer managed "
                        "KMS key is required", "encryptionConfigurations")
    for i, entry in enumerate(configs):
        kind, key = entry.get("encryptionType") or "AES256", entry.get("kmsKey")
        if kind not in KMS_TYPES:
            yield Violation(f"encryption_type is {kind!r}; KMS with a customer managed key is required",
                            f"encryptionConfigurations[{i}].encryptionType")
        elif not key or is_aws_managed_key(key, "ecr"):
            yield Violation(f"encryption_type {kind} uses the AWS managed key aws/ecr; set kms_key to a "
                            "customer managed key", f"encryptionConfigurations[{i}].kmsKey")


RULE = ResourceRule(
    id="ecr_repository_cmk_encrypted",
    title="ECR repositories are encrypted with customer managed KMS keys",
    description=(
        "Images carry application code and often baked-in configuration. AWS encrypts repositories with "
        "SSE-S3 by default, or aws/ecr when KMS is chosen without a key; only a customer managed key puts "
        "every pull behind a key policy you control and can revoke. The encryption settings cannot be "
        "changed after creation."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ECR.5",), "seed": ("data-encryption",)},
    remediation=(
        "Create the repository with encryption_configurations=[aws.ecr.RepositoryEncryptionConfigurationArgs("
        'encryption_type="KMS", kms_key=key.arn)] (a replacement: push the images again).'
    ),
    resource_types=("aws:ecr/repository:Repository",),
    evaluate=evaluate,
)
