"""EKS clusters envelope-encrypt Kubernetes secrets with a KMS key (FSBP EKS.3)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.containers import EKS_CLUSTER


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    encryption = resource.get("encryptionConfig")
    if not encryption:
        yield Violation("no encryptionConfig: whatever EKS encrypts secrets with by default, it is not a key "
                        "under the account's key policy; the rule demands encryptionConfig with resources "
                        "[\"secrets\"] and a customer managed KMS key", "encryptionConfig")
        return
    if "secrets" not in list(encryption.get("resources") or ()):
        yield Violation(f"encryptionConfig.resources is {list(encryption.get('resources') or ())}; the rule "
                        "demands it include \"secrets\"", "encryptionConfig.resources")
    provider = encryption.get("provider") or {}
    if not provider.get("keyArn"):
        yield Violation("encryptionConfig names no provider.keyArn; the rule demands a KMS key ARN",
                        "encryptionConfig.provider.keyArn")


RULE = ResourceRule(
    id="eks_secrets_encrypted",
    title="EKS clusters encrypt Kubernetes secrets with a customer managed KMS key",
    description=(
        "Secrets in etcd hold service-account tokens, database passwords and TLS keys. Whatever EKS applies "
        "by default uses keys the account does not govern; envelope encryption with a customer managed "
        "KMS key puts every decryption behind the key policy and in CloudTrail."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("EKS.3",), "seed": ("data-encryption",)},
    remediation='Set encryption_config={"resources": ["secrets"], "provider": {"key_arn": <KMS key ARN>}} on '
                "aws.eks.Cluster.",
    resource_types=(EKS_CLUSTER,),
    evaluate=evaluate,
)
