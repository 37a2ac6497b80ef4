"""Shared parts of the messaging, streaming and analytics rules: public resource policies, nested reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Violation
from .docs import DocumentError
from .iam import PolicyStatement, is_public, statements
from .net import is_anywhere

# Condition keys that, with concrete values under a positive operator, pin who may use a "*" principal.
RESTRICTING_KEYS = [
    "aws:SourceArn", "aws:SourceAccount", "aws:SourceOwner", "aws:SourceOrgID", "aws:SourceOrgPaths",
    "aws:SourceVpc", "aws:SourceVpce", "aws:SourceIp", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount", "aws:PrincipalArn", "aws:userid",
]

PUBLIC_POLICY_CONFIG: dict[str, dict[str, Any]] = {
    "restricting_condition_keys": {
        "type": "array", "items": {"type": "string"}, "default": RESTRICTING_KEYS,
        "description": "condition keys that, with concrete values, make a '*' principal non-public",
    },
}


def _values(value: Any) -> list[str]:
    return [str(v) for v in (value if isinstance(value, list | tuple) else [value])]


def _restricted(stmt: PolicyStatement, keys: list[str]) -> bool:
    """A positive operator on a pinning key with concrete values.

    Negated operators, ...IfExists, ForAllValues and Null pass a request that omits the key; a value
    of "*" (or 0.0.0.0/0 for aws:SourceIp) pins nothing; so none of them count.
    """
    wanted = {k.lower() for k in keys}
    for operator, block in stmt.conditions.items():
        op = operator.lower()
        if "not" in op or op.endswith("ifexists") or op.startswith("forallvalues") or op == "null":
            continue
        for key, value in block.items():
            values = _values(value)
            if key.lower() not in wanted or not values:
                continue
            if key.lower() == "aws:sourceip":
                if not any(is_anywhere(v) for v in values):
                    return True
            elif all(v.strip() not in ("", "*") for v in values):
                return True
    return False


def public_policy_violations(resource: ResourceView, config: Mapping[str, Any], what: str,
                             prop: str = "policy") -> Iterator[Violation]:
    """One violation per Allow statement open to any principal without a pinning condition."""
    document = resource.get(prop)
    if not document:
        return
    try:
        found = statements(document)
    except DocumentError as err:
        yield Violation(f"{what} policy cannot be read: {err}", prop)
        return
    for stmt in found:
        if stmt.allows and is_public(stmt) and not _restricted(stmt, config["restricting_condition_keys"]):
            actions = ", ".join(stmt.actions) or ("NotAction " + ", ".join(stmt.not_actions or ()))
            yield Violation(f"{what} policy Statement[{stmt.index}] allows {actions or 'actions'} to any "
                            "principal (\"*\") without a condition pinning the caller's account, "
                            "organization or source", prop)


def dig(props: Any, *path: str) -> Any:
    """``props[a][b]...``; None as soon as a level is absent (nested blocks are optional)."""
    value = props
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
        if value is None:
            return None
    return value
