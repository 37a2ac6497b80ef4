"""Customer IAM policies do not allow kms:Decrypt or kms:ReEncryptFrom on every KMS key (FSBP KMS.1, KMS.2)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, StackRule
from .._lib.iam import PolicyStatement, all_actions, all_resources, grants_action
from .._lib.security import IAM_DOCUMENT_TYPES, identity_policy_rule_evaluate

BLOCKED = ("kms:Decrypt", "kms:ReEncryptFrom")


def _all_keys(stmt: PolicyStatement) -> bool:
    """Resource "*" or an ARN pattern covering every key ("arn:aws:kms:*:*:key/*", "arn:aws:kms:*")."""
    if all_resources(stmt, count_not_resource=True):
        return True
    for resource in stmt.resources:
        parts = resource.strip().split(":")
        if len(parts) >= 3 and parts[2] in ("kms", "*") and all(p in ("*", "key/*") for p in parts[3:] or ["*"]):
            return True
    return False


def judge(stmt: PolicyStatement, config: Mapping[str, Any]) -> Iterator[str]:
    if not stmt.allows or not _all_keys(stmt):
        return
    if all_actions(stmt, count_not_action=True) and all_resources(stmt, count_not_resource=True):
        return  # full admin: iam_no_full_admin_policy reports it
    granted = [a for a in BLOCKED if grants_action(stmt, a)]
    if granted:
        yield f"allows {' and '.join(granted)} on every KMS key ({list(stmt.resources) or 'NotResource'})"


RULE = StackRule(
    id="kms_iam_policy_no_decrypt_all_keys",
    title="IAM policies do not allow decryption on all KMS keys",
    description=(
        "kms:Decrypt or kms:ReEncryptFrom on Resource \"*\" lets the identity decrypt whatever any key in the "
        "account (and any key another account's policy shares) protects: S3 objects, secrets, EBS snapshots. "
        "Grant them on the key ARNs the workload uses. Judges managed policies (FSBP KMS.1) and inline "
        "role/user/group policies (KMS.2); like FSBP it ignores conditions. Full admin statements are left "
        "to iam_no_full_admin_policy; permissions-boundary-only policies are skipped."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("KMS.1", "KMS.2"), "seed": ("data-encryption", "user-management")},
    remediation=(
        "Set the statement's Resource to the key ARNs (key.arn outputs) instead of \"*\"; for cross-service "
        "use add a kms:ViaService condition and still name the keys."
    ),
    evaluate=identity_policy_rule_evaluate(judge, lambda config: IAM_DOCUMENT_TYPES),
)
