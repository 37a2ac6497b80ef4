"""Bucket policies do not let other AWS accounts change the bucket's policy, ACLs or encryption (FSBP S3.6)."""

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.docs import DocumentError
from .._lib.iam import PolicyStatement, account_principals, grants_action, statements
from .._lib.s3 import BUCKET_POLICY, BUCKET_TYPES

# FSBP S3.6's blacklistedactionpatterns (not customizable there): who holds these owns the bucket.
SENSITIVE_ACTIONS = ("s3:DeleteBucketPolicy", "s3:PutBucketAcl", "s3:PutBucketPolicy",
                     "s3:PutEncryptionConfiguration", "s3:PutObjectAcl")
_ACCOUNT = re.compile(r"^(?:arn:aws[a-z-]*:(?:iam|sts)::)?(\d{12})(?::.*)?$")


def _foreign(stmt: PolicyStatement, own: set[str]) -> list[str]:
    """Principals of the statement outside the owning accounts ("*" always is)."""
    out = []
    for principal in account_principals(stmt):
        text = principal.strip()
        if text == "*":
            out.append(text)
            continue
        match = _ACCOUNT.match(text)
        if match and own and match[1] not in own:
            out.append(text)
    return out


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    document = resource.get("policy")
    if not document:
        return
    try:
        found = statements(document)
    except DocumentError:
        return  # s3_bucket_policy_no_public_principal reports an unreadable policy
    own = {str(a) for a in config["account_ids"]}
    for stmt in found:
        if not stmt.allows:
            continue
        who = _foreign(stmt, own)
        granted = [a for a in SENSITIVE_ACTIONS if grants_action(stmt, a)]
        if who and granted:
            yield Violation(f"Statement[{stmt.index}] lets {', '.join(who)} call {', '.join(granted)}: another "
                            "account could rewrite the bucket's policy, ACLs or encryption", "policy")


RULE = ResourceRule(
    id="s3_bucket_policy_no_cross_account_sensitive_actions",
    title="S3 bucket policies do not grant other accounts policy, ACL or encryption changes",
    description=(
        "s3:PutBucketPolicy, s3:DeleteBucketPolicy, s3:PutBucketAcl, s3:PutObjectAcl and "
        "s3:PutEncryptionConfiguration (directly, via s3:* / s3:Put* / *, or via NotAction) granted to "
        "another account hand it control of the bucket: it can open the data to anyone or re-key it. "
        "Principal \"*\" counts even with a condition (an organization is still other accounts); explicit "
        "account principals count when account_ids names the owning accounts, since the owner is not known "
        "from the program itself."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("S3.6",), "seed": ("isolated-and-controlled", "user-management")},
    remediation=(
        "Remove the sensitive actions from statements naming other accounts (grant them s3:GetObject / "
        "s3:PutObject on the prefixes they need instead), and set account_ids in the pack config so "
        "explicit account principals are judged."
    ),
    resource_types=(*BUCKET_TYPES, BUCKET_POLICY),
    config={"account_ids": {"type": "array", "items": {"type": "string"}, "default": [],
                            "description": "the accounts that own the buckets; other 12-digit principals are foreign"}},
    evaluate=evaluate,
)
