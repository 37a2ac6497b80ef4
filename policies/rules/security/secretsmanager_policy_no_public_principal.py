"""Secret resource policies do not allow everyone (Principal "*") without an account or org condition."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.docs import DocumentError
from .._lib.iam import condition_keys, is_public, statements

RESTRICTING_KEYS = [
    "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",
    "aws:SourceAccount", "aws:SourceArn", "aws:SourceVpce", "aws:SourceVpc",
]


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    document = resource.get("policy")
    if not document:  # a Secret without a policy: only identity policies in the account grant access
        return
    try:
        found = statements(document)
    except DocumentError as err:
        yield Violation(f"cannot read the secret policy: {err}", "policy")
        return
    wanted = [k.lower() for k in config["restricting_keys"]]
    for stmt in found:
        if not (stmt.allows and is_public(stmt)):
            continue
        conditions = condition_keys(stmt)
        if any(conditions.get(k) and all(v.strip() not in ("", "*") for v in conditions[k]) for k in wanted):
            continue
        yield Violation(f"Statement[{stmt.index}] allows any principal (\"*\") "
                        f"{', '.join(stmt.actions) or 'every action but ' + str(list(stmt.not_actions or ()))} "
                        "without an account or organization condition", "policy")


RULE = ResourceRule(
    id="secretsmanager_policy_no_public_principal",
    title='Secrets Manager resource policies do not grant Principal "*" without a pinning condition',
    description=(
        "A secret policy Allow to Principal \"*\" (or {\"AWS\": \"*\"}, or NotPrincipal) lets any AWS account "
        "call secretsmanager:GetSecretValue on it, so the credential is one API call from the internet. "
        "Checks a Secret's inline policy and aws.secretsmanager.SecretPolicy."
    ),
    severity=Severity.CRITICAL,
    frameworks={"seed": ("isolated-and-controlled", "secure-access")},
    remediation=(
        "Name the reading roles in the statement's Principal, or add {\"StringEquals\": {\"aws:PrincipalOrgID\": "
        "org_id}}; keep block_public_policy=True on aws.secretsmanager.SecretPolicy."
    ),
    resource_types=("aws:secretsmanager/secret:Secret", "aws:secretsmanager/secretPolicy:SecretPolicy"),
    config={"restricting_keys": {"type": "array", "items": {"type": "string"}, "default": RESTRICTING_KEYS,
                                 "description": "condition keys that, with concrete values, pin a \"*\" principal"}},
    evaluate=evaluate,
)
