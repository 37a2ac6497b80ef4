"""Symmetric KMS keys rotate their key material yearly (CIS 3.6)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    # AWS rotates only symmetric encryption keys held in KMS itself; asymmetric, HMAC and
    # custom-key-store keys cannot rotate automatically, so they are not applicable.
    if (resource.get("customerMasterKeySpec") or "SYMMETRIC_DEFAULT") != "SYMMETRIC_DEFAULT":
        return
    if resource.get("customKeyStoreId") or resource.get("xksKeyId"):
        return
    if resource.get("enableKeyRotation") is not True:
        yield Violation(f"enableKeyRotation is {resource.get('enableKeyRotation')!r}: KMS does not rotate "
                        "customer-managed key material unless asked (its default is off); this rule demands "
                        "enable_key_rotation=True", "enableKeyRotation")


RULE = ResourceRule(
    id="kms_key_rotation_enabled",
    title="Symmetric customer-managed KMS keys have rotation enabled",
    description=(
        "Rotation limits how much data one key version protects and how long compromised key material "
        "stays useful; AWS keeps old versions, so rotation never breaks decryption. Asymmetric, HMAC and "
        "custom-key-store keys cannot rotate automatically and are not checked."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("KMS.4",), "cis-aws-5.0": ("3.6",), "cis-aws-3.0": ("3.6",), "seed": ("data-encryption",)},
    remediation="Set enable_key_rotation=True on aws.kms.Key (optionally rotation_period_in_days=365 or less).",
    resource_types=("aws:kms/key:Key",),
    evaluate=evaluate,
)
