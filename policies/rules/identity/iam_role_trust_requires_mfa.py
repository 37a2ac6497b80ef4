"""Roles that people assume require MFA in their trust policy."""

import fnmatch
from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.docs import DocumentError
from .._lib.iam import (
    PolicyStatement,
    account_principals,
    condition_values,
    denies_without_mfa,
    grants_action,
    is_public,
    requires_mfa,
    statements,
)

ASSUME = "sts:AssumeRole"
PATH = "assumeRolePolicy"


def _has_external_id(stmt: PolicyStatement) -> bool:
    return bool(condition_values(stmt, ("StringEquals", "StringLike"), "sts:ExternalId"))


def _trusted(principal: str, stmt: PolicyStatement, config: Mapping[str, Any]) -> bool:
    if not any(fnmatch.fnmatchcase(principal, p) for p in config["trusted_external_principals"]):
        return False
    return _has_external_id(stmt) or not config["trusted_require_external_id"]


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    try:
        found = statements(resource.get(PATH))
    except DocumentError as err:
        yield Violation(f"cannot read the trust policy: {err}", PATH)
        return
    # A Deny for everyone whenever MFA is missing guards every Allow in the document.
    if any(denies_without_mfa(s) and is_public(s) and grants_action(s, ASSUME) for s in found):
        return
    bool_if_exists = config["accept_bool_if_exists"]
    for stmt in found:
        if not (stmt.allows and grants_action(stmt, ASSUME)) or requires_mfa(
            stmt, accept_bool_if_exists=bool_if_exists
        ):
            continue
        for principal in account_principals(stmt):
            if not _trusted(principal, stmt, config):
                yield Violation(f"Statement[{stmt.index}] lets {principal} assume the role without MFA", PATH)


RULE = ResourceRule(
    id="iam_role_trust_requires_mfa",
    title="Roles assumable by IAM users or accounts require MFA",
    description=(
        "A trust policy that lets an account or IAM principal call sts:AssumeRole without "
        'Condition {"Bool": {"aws:MultiFactorAuthPresent": "true"}} turns one leaked access key into the '
        "role's permissions. Service and federated (SAML/OIDC) principals are not checked: MFA is "
        "enforced by the identity provider. BoolIfExists does not count by default, because it lets "
        "through long-term access keys, whose requests carry no MFA key at all. Machine callers in "
        "other accounts (CI, vendors) can be listed in trusted_external_principals; by default they "
        "must also pin sts:ExternalId against the confused-deputy problem."
    ),
    severity=Severity.HIGH,
    frameworks={"seed": ("one-time-password", "user-management")},
    remediation=(
        'Add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} to the Allow statement of the '
        "role's assume_role_policy (iam.get_policy_document(...conditions=[...]) or json.dumps). For a "
        "machine principal in another account, add it to trusted_external_principals and require "
        '"StringEquals": {"sts:ExternalId": ...}; for CI prefer an OIDC (Federated) trust.'
    ),
    resource_types=("aws:iam/role:Role",),
    config={
        "trusted_external_principals": {
            "type": "array", "items": {"type": "string"}, "default": [],
            "description": "fnmatch patterns on principal ARNs / account ids (e.g. "
                           "arn:aws:iam::111122223333:role/ci-*) allowed to assume roles without MFA",
        },
        "trusted_require_external_id": {
            "type": "boolean", "default": True,
            "description": "trusted principals pass only when the statement pins sts:ExternalId",
        },
        "accept_bool_if_exists": {
            "type": "boolean", "default": False,
            "description": "count BoolIfExists aws:MultiFactorAuthPresent true as requiring MFA",
        },
    },
    evaluate=evaluate,
)
