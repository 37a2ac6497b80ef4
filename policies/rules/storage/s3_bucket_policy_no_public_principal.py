"""Bucket policies do not Allow a '*' principal without a condition that pins who is asking."""

import json
from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.docs import DocumentError, Statement, parse_document
from .._lib.net import is_anywhere
from .._lib.s3 import BUCKET_POLICY, BUCKET_TYPES

DEFAULT_RESTRICTING_KEYS = [
    "aws:SourceArn", "aws:SourceAccount", "aws:SourceOwner", "aws:SourceOrgID", "aws:SourceVpc",
    "aws:SourceVpce", "aws:SourceIp", "aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:PrincipalArn",
    "aws:userid",
]


def _values(value: Any) -> list[str]:
    return [str(v) for v in (value if isinstance(value, list | tuple) else [value])]


def restricts(conditions: Mapping[str, Any], keys: list[str]) -> bool:
    """A condition that narrows who may ask: a positive operator on a pinning key with concrete values.

    Negated operators (StringNotEquals, NotIpAddress), ...IfExists and ForAllValues pass a request that
    omits the key, and a bare '*' or 0.0.0.0/0 pins nothing, so none of them count.
    """
    wanted = {k.lower() for k in keys}
    for operator, block in conditions.items():
        op = str(operator).lower()
        if "not" in op or op.endswith("ifexists") or op.startswith("forallvalues") or op == "null":
            continue
        if not isinstance(block, Mapping):
            continue
        for key, value in block.items():
            values = _values(value)
            if str(key).lower() not in wanted or not values:
                continue
            if str(key).lower() == "aws:sourceip":
                if not any(is_anywhere(v) for v in values):
                    return True
            elif all(v.strip() not in ("", "*") for v in values):
                return True
    return False


def _not_principal_indices(document: Any) -> set[int]:
    """Statements written with NotPrincipal (parse_document does not surface them): Allow means everyone else."""
    raw = json.loads(document) if isinstance(document, str) else document
    statements = raw.get("Statement") if isinstance(raw, Mapping) else None
    if isinstance(statements, Mapping):
        statements = [statements]
    return {i for i, s in enumerate(statements or []) if isinstance(s, Mapping) and "NotPrincipal" in s}


def public_statements(document: Any, keys: list[str]) -> list[Statement]:
    statements = parse_document(document)
    everyone_else = _not_principal_indices(document)
    return [
        s for s in statements
        if s.effect == "Allow" and ("*" in s.principals or s.index in everyone_else)
        and not restricts(s.conditions, keys)
    ]


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    document = resource.get("policy")
    if not document:
        return
    try:
        found = public_statements(document, config["restricting_condition_keys"])
    except DocumentError as err:
        yield Violation(f"bucket policy cannot be read: {err}", "policy")
        return
    for statement in found:
        yield Violation(f"policy Statement[{statement.index}] allows {', '.join(statement.actions) or 'actions'} "
                        "to any principal without a restricting condition", "policy")


RULE = ResourceRule(
    id="s3_bucket_policy_no_public_principal",
    title="S3 bucket policies do not allow a public principal",
    description=(
        "An Allow to Principal '*' (or {'AWS': '*'}, or NotPrincipal) with no condition pinning the "
        "caller's account, organisation, source ARN or network makes the bucket readable or writable by "
        "anyone on the internet. Checks inline Bucket/BucketV2 policy and BucketPolicy."
    ),
    severity=Severity.CRITICAL,
    frameworks={"aws-fsbp": ("S3.2", "S3.3"), "seed": ("isolated-and-controlled", "data-encryption")},
    remediation=(
        "Name the principal (an account, role or service) or add a condition such as "
        "{'StringEquals': {'aws:PrincipalOrgID': org_id}} or {'ArnLike': {'aws:SourceArn': distribution.arn}}; "
        "serve public content through CloudFront with origin access control instead of a public bucket."
    ),
    resource_types=(*BUCKET_TYPES, BUCKET_POLICY),
    config={"restricting_condition_keys": {
        "type": "array", "items": {"type": "string"}, "default": DEFAULT_RESTRICTING_KEYS,
        "description": "condition keys that, with concrete values, make a '*' principal non-public",
    }},
    evaluate=evaluate,
)
