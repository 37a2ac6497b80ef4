"""KMS key policies do not allow everyone (Principal "*") without an account or org condition."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.docs import DocumentError
from .._lib.iam import condition_keys, is_public, statements

POLICY_TYPES = (
    "aws:kms/key:Key",
    "aws:kms/keyPolicy:KeyPolicy",
    "aws:kms/externalKey:ExternalKey",
    "aws:kms/replicaKey:ReplicaKey",
    "aws:kms/replicaExternalKey:ReplicaExternalKey",
)
RESTRICTING_KEYS = [
    "kms:CallerAccount", "aws:SourceAccount", "aws:SourceArn", "aws:SourceOwner", "aws:PrincipalAccount",
    "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:SourceVpce", "aws:SourceVpc",
    "aws:SourceOrgID", "aws:SourceOrgPaths",
]


def _restricted(conditions: dict[str, list[str]], keys: list[str]) -> bool:
    """Some restricting key carries a value narrower than "*" (a wildcard value restricts nothing)."""
    for key in keys:
        values = conditions.get(key.lower(), [])
        if values and all(v.strip() not in ("*", "") for v in values):
            return True
    return False


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    document = resource.get("policy")
    if not document:  # no policy: AWS's default key policy trusts only the owning account
        return
    try:
        found = statements(document)
    except DocumentError as err:
        yield Violation(f"cannot read the key policy: {err}", "policy")
        return
    for stmt in found:
        if stmt.allows and is_public(stmt) and not _restricted(condition_keys(stmt), config["restricting_keys"]):
            yield Violation(f"Statement[{stmt.index}] allows any principal (\"*\") without an account or "
                            "organization condition", "policy")


RULE = ResourceRule(
    id="kms_key_policy_no_public_principal",
    title='KMS key policies do not grant Principal "*" without an account or organization condition',
    description=(
        'A key policy statement with Principal "*" (or {"AWS": "*"}, or NotPrincipal) and no condition '
        "pinning the caller's account, organization, source or VPC endpoint lets any AWS account use or "
        "manage the key, and so read whatever it encrypts."
    ),
    severity=Severity.CRITICAL,
    frameworks={"aws-fsbp": ("KMS.5",), "seed": ("data-encryption",)},
    remediation=(
        'Name the principals (account root or role ARNs) instead of "*", or add a condition such as '
        '{"StringEquals": {"kms:CallerAccount": "<account id>"}} or {"StringEquals": {"aws:PrincipalOrgID": '
        '"<org id>"}} to the statement in the key\'s policy.'
    ),
    resource_types=POLICY_TYPES,
    config={"restricting_keys": {
        "type": "array", "items": {"type": "string"}, "default": RESTRICTING_KEYS,
        "description": "condition keys that narrow a \"*\" principal to known callers",
    }},
    evaluate=evaluate,
)
