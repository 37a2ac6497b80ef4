"""A small IAM policy evaluator for guardrail documents (SCPs and RCPs): does a request pass or not?

No library on PyPI evaluates a request against SCPs offline (iam-ape computes effective permissions
from an account's authorization details without evaluating conditions per request; aws-why calls the
live IAM policy simulator; policyuniverse and parliament parse and lint). This one implements the
parts of AWS's evaluation logic guardrails use, and tests pin it to AWS's documented examples:

- a set of documents: an explicit Deny wins, else an Allow, else the implicit deny;
- SCPs (and RCPs) along the path root -> OU ... -> account: every level must allow, any Deny denies;
  the management account is not subject to them;
- Action / NotAction, Resource / NotResource, Principal "*" or {"AWS": ...}, wildcards `*` and `?`;
- condition operators String*, Arn*, Bool, Null, with ...IfExists and ForAnyValue: / ForAllValues:.
  A missing key fails a positive operator and satisfies a negated one (StringNotEquals, ArnNotLike);
  IfExists makes a missing key satisfy either. Other operators raise, never pass silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Decision = Literal["Allow", "Deny"]
FULL_AWS_ACCESS: dict[str, Any] = {
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
RCP_FULL_AWS_ACCESS: dict[str, Any] = {
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}

_STRING_OPS = {"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
               "StringLike", "StringNotLike", "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike", "Bool"}


@dataclass(frozen=True)
class Request:
    """One API call: who, what, where, on what, and the request context's condition keys."""

    principal_arn: str
    action: str
    region: str
    resource: str = "*"
    context: Mapping[str, Any] = field(default_factory=dict)

    def value(self, key: str) -> list[str] | None:
        """The key's values (a list; single-valued keys give one), or None when absent. Keys ignore case."""
        known = {"aws:principalarn": self.principal_arn, "aws:requestedregion": self.region}
        wanted = key.lower()
        found: Any = None
        for name, value in self.context.items():
            if name.lower() == wanted:
                found = value
        if found is None:
            found = known.get(wanted)
        if found is None:
            return None
        values = found if isinstance(found, list | tuple) else [found]
        return [str(v).lower() if isinstance(v, bool) else str(v) for v in values]


def _glob(pattern: str, value: str, *, ignore_case: bool = False) -> bool:
    """IAM wildcards: `*` any run of characters, `?` one character; nothing else is special."""
    regex = re.escape(pattern).replace(r"\*", ".*").replace(r"\?", ".")
    return re.fullmatch(regex, value, re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL) is not None


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _matches(positive: str, pattern: str, value: str) -> bool:
    """The positive form of an operator (StringEquals, ArnLike, Bool, ...) on one pattern and one value."""
    if positive == "StringEquals":
        return pattern == value
    if positive == "StringEqualsIgnoreCase":
        return pattern.lower() == value.lower()
    if positive in ("StringLike", "ArnLike", "ArnEquals"):
        return _glob(pattern, value)
    if positive == "Bool":
        return pattern.lower() == value.lower()
    raise ValueError(f"condition operator {positive!r} is not supported by this evaluator")


def _condition(operator: str, key: str, patterns: Sequence[str], request: Request) -> bool:
    qualifier, _, op = operator.rpartition(":")
    if_exists = op.endswith("IfExists")
    base = op.removesuffix("IfExists")
    values = request.value(key)
    if base == "Null":
        expected = str(patterns[0]).lower() == "true"
        return (values is None) == expected
    if base not in _STRING_OPS:
        raise ValueError(f"condition operator {operator!r} is not supported by this evaluator")
    negated = "Not" in base
    positive = base.replace("Not", "")
    patterns = [str(p).lower() if isinstance(p, bool) else str(p) for p in patterns]
    if qualifier == "ForAllValues":
        if not values:
            return True
        return all(any(_matches(positive, p, v) for p in patterns) != negated for v in values)
    if qualifier == "ForAnyValue":
        if not values:
            return if_exists
        return any(any(_matches(positive, p, v) for p in patterns) != negated for v in values)
    if values is None:
        return if_exists or negated
    hit = any(_matches(positive, p, v) for p in patterns for v in values)
    return not hit if negated else hit


def _conditions_hold(conditions: Mapping[str, Mapping[str, Any]], request: Request) -> bool:
    return all(_condition(op, key, _as_list(patterns), request)
               for op, block in conditions.items() for key, patterns in block.items())


def _any_glob(patterns: Iterable[str], value: str, *, ignore_case: bool) -> bool:
    return any(_glob(p, value, ignore_case=ignore_case) for p in patterns)


def _principal_matches(statement: Mapping[str, Any], request: Request) -> bool:
    if "Principal" not in statement:
        return True
    principal = statement["Principal"]
    if principal == "*":
        return True
    arns = _as_list(principal.get("AWS", [])) if isinstance(principal, Mapping) else []
    return "*" in arns or _any_glob(arns, request.principal_arn, ignore_case=False)


def statement_applies(statement: Mapping[str, Any], request: Request) -> bool:
    """Action, resource, principal and conditions all match the request."""
    if "Action" in statement:
        action_ok = _any_glob(_as_list(statement["Action"]), request.action, ignore_case=True)
    else:
        action_ok = not _any_glob(_as_list(statement["NotAction"]), request.action, ignore_case=True)
    if "NotResource" in statement:
        resource_ok = not _any_glob(_as_list(statement["NotResource"]), request.resource, ignore_case=False)
    else:
        resource_ok = _any_glob(_as_list(statement.get("Resource", "*")), request.resource, ignore_case=False)
    return (action_ok and resource_ok and _principal_matches(statement, request)
            and _conditions_hold(statement.get("Condition", {}), request))


def evaluate(documents: Sequence[Mapping[str, Any]], request: Request) -> Decision:
    """One set of policies: explicit Deny, else Allow, else the implicit deny."""
    statements = [s for d in documents for s in _as_list(d["Statement"])]
    if any(s["Effect"] == "Deny" and statement_applies(s, request) for s in statements):
        return "Deny"
    if any(s["Effect"] == "Allow" and statement_applies(s, request) for s in statements):
        return "Allow"
    return "Deny"


def evaluate_path(levels: Sequence[Sequence[Mapping[str, Any]]], request: Request) -> Decision:
    """SCPs or RCPs from the root down to the account: every level must allow the request."""
    return "Allow" if all(evaluate(level, request) == "Allow" for level in levels) else "Deny"
