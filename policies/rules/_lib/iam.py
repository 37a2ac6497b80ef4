"""IAM policy semantics for rule authors: principals, actions with wildcards, conditions, managed ARNs.

``docs.parse_document`` flattens principals and drops ``NotAction``/``NotPrincipal``/``NotResource``;
the IAM and KMS rules need all of them, so ``statements`` keeps the raw shape (it reuses
``parse_document`` for decoding and its error messages).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ...framework import (
    ResourceRule,
    ResourceView,
    Rule,
    Severity,
    StackRule,
    StackView,
    UnknownValueError,
    Violation,
    any_known,
)
from .docs import parse_document

MFA_KEY = "aws:multifactorauthpresent"
ACCOUNT_PRINCIPAL_KINDS = ("aws", "canonicaluser")  # "*" and these name accounts / IAM identities


@dataclass(frozen=True)
class PolicyStatement:
    """One statement with every element IAM evaluates; absent elements are empty tuples / None."""

    index: int
    effect: str
    principals: Mapping[str, tuple[str, ...]]  # kind (lower-case: aws, service, federated, *) -> values
    not_principal: bool
    actions: tuple[str, ...]
    not_actions: tuple[str, ...] | None
    resources: tuple[str, ...]
    not_resources: tuple[str, ...] | None
    conditions: Mapping[str, Mapping[str, Any]]

    @property
    def allows(self) -> bool:
        return self.effect.lower() == "allow"

    @property
    def denies(self) -> bool:
        return self.effect.lower() == "deny"


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str | bool | int | float):
        return (str(value),)
    return tuple(str(v) for v in value)


def _principal_map(value: Any) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if isinstance(value, str):  # "Principal": "*" is everyone, AWS identities included
        return {"*": (value,)}
    if isinstance(value, Mapping):
        return {str(kind).lower(): _strings(v) for kind, v in value.items()}
    return {"*": _strings(value)}


def statements(document: Any) -> list[PolicyStatement]:
    """Every statement of a JSON (string or dict) policy document; raises docs.DocumentError."""
    parse_document(document)  # validates and gives the shared, readable error messages
    raw_doc = json.loads(document) if isinstance(document, str) else document
    raw_list = raw_doc.get("Statement")
    raw_list = [raw_list] if isinstance(raw_list, Mapping) else list(raw_list or ())
    out = []
    for i, raw in enumerate(raw_list):
        out.append(PolicyStatement(
            index=i,
            effect=str(raw.get("Effect", "")),
            principals=_principal_map(raw.get("Principal", raw.get("NotPrincipal"))),
            not_principal="NotPrincipal" in raw,
            actions=_strings(raw.get("Action")),
            not_actions=_strings(raw.get("NotAction")) if "NotAction" in raw else None,
            resources=_strings(raw.get("Resource")),
            not_resources=_strings(raw.get("NotResource")) if "NotResource" in raw else None,
            conditions={str(op): dict(block or {}) for op, block in (raw.get("Condition") or {}).items()},
        ))
    return out


def _glob(pattern: str) -> re.Pattern[str]:
    """IAM wildcards: ``*`` any run, ``?`` one character; case-insensitive like action names."""
    parts = (".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def matches(patterns: Iterable[str], value: str) -> bool:
    return any(_glob(p).fullmatch(value) for p in patterns)


def grants_action(stmt: PolicyStatement, action: str) -> bool:
    """Whether the statement's Action (or NotAction, by exclusion) covers ``action``."""
    if stmt.not_actions is not None:
        return not matches(stmt.not_actions, action)
    return matches(stmt.actions, action)


def all_actions(stmt: PolicyStatement, *, count_not_action: bool) -> bool:
    """Action ``*`` / ``*:*``; with ``count_not_action`` also NotAction (every unlisted action)."""
    if stmt.not_actions is not None:
        return count_not_action
    return any(a.strip() in ("*", "*:*") for a in stmt.actions)


def all_resources(stmt: PolicyStatement, *, count_not_resource: bool) -> bool:
    if stmt.not_resources is not None:
        return count_not_resource
    return "*" in (r.strip() for r in stmt.resources)


def account_principals(stmt: PolicyStatement) -> tuple[str, ...]:
    """Principals that are accounts or IAM identities (not services, not federated providers).

    ``NotPrincipal`` names who is *excluded*, so it stands for everyone else: ``*``.
    """
    if stmt.not_principal:
        return ("*",)
    found: list[str] = []
    for kind, values in stmt.principals.items():
        if kind == "*" or kind in ACCOUNT_PRINCIPAL_KINDS:
            found.extend(values)
    return tuple(found)


def is_public(stmt: PolicyStatement) -> bool:
    return "*" in (p.strip() for p in account_principals(stmt))


def condition_values(stmt: PolicyStatement, operators: Iterable[str], key: str) -> list[tuple[str, str]]:
    """(operator, value) for ``key`` under any of ``operators``; keys compare case-insensitively."""
    wanted = {op.lower() for op in operators}
    found: list[tuple[str, str]] = []
    for op, block in stmt.conditions.items():
        if op.lower() not in wanted:
            continue
        for k, v in block.items():
            if k.lower() == key.lower():
                found.extend((op, str(x).lower()) for x in _strings(v))
    return found


def condition_keys(stmt: PolicyStatement) -> dict[str, list[str]]:
    """Condition key (lower-case, operator qualifiers such as ForAnyValue: kept in the operator) -> values."""
    out: dict[str, list[str]] = {}
    for block in stmt.conditions.values():
        for k, v in block.items():
            out.setdefault(k.lower(), []).extend(_strings(v))
    return out


def requires_mfa(stmt: PolicyStatement, *, accept_bool_if_exists: bool) -> bool:
    """``Bool aws:MultiFactorAuthPresent true`` (every listed value true).

    ``BoolIfExists ... true`` in an Allow lets through callers whose request has no MFA key at all
    (long-term access keys), so it counts only when a team explicitly accepts it.
    """
    ops = ("Bool", "BoolIfExists") if accept_bool_if_exists else ("Bool",)
    values = condition_values(stmt, ops, MFA_KEY)
    return bool(values) and all(v == "true" for _, v in values)


def denies_without_mfa(stmt: PolicyStatement) -> bool:
    """A Deny that applies when MFA is absent or false (``Bool``/``BoolIfExists`` ... ``false``)."""
    values = condition_values(stmt, ("Bool", "BoolIfExists"), MFA_KEY)
    return stmt.denies and bool(values) and all(v == "false" for _, v in values)


# --- managed policy attachments -------------------------------------------------------------

ROLE = "aws:iam/role:Role"
ROLE_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
USER_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment"
GROUP_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment"
POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment"
ROLE_ATTACHMENTS_EXCLUSIVE = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive"
USER_ATTACHMENTS_EXCLUSIVE = "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive"
GROUP_ATTACHMENTS_EXCLUSIVE = "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive"
SINGLE_ATTACHMENT_TYPES = (ROLE_ATTACHMENT, USER_ATTACHMENT, GROUP_ATTACHMENT, POLICY_ATTACHMENT)
LIST_ATTACHMENT_TYPES = {
    ROLE: "managedPolicyArns",
    ROLE_ATTACHMENTS_EXCLUSIVE: "policyArns",
    USER_ATTACHMENTS_EXCLUSIVE: "policyArns",
    GROUP_ATTACHMENTS_EXCLUSIVE: "policyArns",
}
ATTACHMENT_TYPES = (*SINGLE_ATTACHMENT_TYPES, *LIST_ATTACHMENT_TYPES)
ROLE_ATTACHING_TYPES = (ROLE, ROLE_ATTACHMENT, ROLE_ATTACHMENTS_EXCLUSIVE)


def is_aws_managed(arn: Any, policy_name: str) -> bool:
    """``arn:<partition>:iam::aws:policy/[<path>/]<policy_name>`` in any partition."""
    pattern = rf"arn:aws[a-z-]*:iam::aws:policy/(?:[^\s]*/)?{re.escape(policy_name)}"
    return isinstance(arn, str) and re.fullmatch(pattern, arn.strip()) is not None


def attached_arns(resource: ResourceView) -> Iterator[tuple[str, Any]]:
    """(property path, policy ARN) for every managed policy the resource attaches.

    A PolicyAttachment attaches only when it names at least one user, group or role.
    """
    if resource.type in SINGLE_ATTACHMENT_TYPES:
        if resource.type == POLICY_ATTACHMENT and not any(
            resource.get(k) for k in ("users", "groups", "roles")
        ):
            return
        yield "policyArn", resource.get("policyArn")
    elif resource.type in LIST_ATTACHMENT_TYPES:
        prop = LIST_ATTACHMENT_TYPES[resource.type]
        for i, arn in enumerate(resource.get(prop) or ()):
            yield f"{prop}[{i}]", arn


def attaches_to_role(resource: ResourceView) -> bool:
    if resource.type == POLICY_ATTACHMENT:
        return bool(resource.get("roles"))
    return resource.type in ROLE_ATTACHING_TYPES


# --- rule families ----------------------------------------------------------------------------

PASSWORD_POLICY = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy"


def password_at_least_rule(rule_id: str, prop: str, *, config_key: str, default: int, what: str,
                           title: str, description: str, severity: Severity,
                           frameworks: dict[str, tuple[str, ...]], remediation: str) -> Rule:
    """The account password policy sets ``prop`` to at least ``config[config_key]``; unset fails."""

    def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
        wanted = config[config_key]
        value = resource.get(prop)
        if value is None:
            yield Violation(f"{what} is not set (at least {wanted} required)", prop)
        elif float(value) < wanted:
            yield Violation(f"{what} is {float(value):g}, below {wanted}", prop)

    return ResourceRule(
        id=rule_id, title=title, description=description, severity=severity, frameworks=frameworks,
        remediation=remediation, resource_types=(PASSWORD_POLICY,),
        config={config_key: {"type": "integer", "default": default, "minimum": 0,
                             "description": f"the smallest acceptable {what}"}},
        evaluate=evaluate,
    )


def presence_rule(rule_id: str, types: tuple[str, ...], *, missing: str, title: str, description: str,
                  severity: Severity, frameworks: dict[str, tuple[str, ...]], remediation: str,
                  counts: Callable[[ResourceView, Mapping[str, Any]], bool] = lambda r, c: True,
                  config: dict[str, dict[str, Any]] | None = None) -> Rule:
    """A stack rule: the stack declares at least one resource of ``types`` that ``counts``.

    Presence rules belong in the account-baseline stack; a workload stack would fail them all.
    """

    def evaluate(stack: StackView, cfg: Mapping[str, Any]) -> Iterator[Violation]:
        if not any_known(stack.of_type(*types), lambda r: counts(r, cfg)):
            yield Violation(missing)

    return StackRule(
        id=rule_id, title=title, description=description, severity=severity, frameworks=frameworks,
        remediation=remediation, config=config or {}, evaluate=evaluate,
    )


# --- permissions boundaries -------------------------------------------------------------------

USER = "aws:iam/user:User"
MANAGED_POLICY = "aws:iam/policy:Policy"
BOUNDARY_HOLDER_TYPES = (ROLE, USER)
BOUNDARY = "permissionsBoundary"


def _tolerant_text(resource: ResourceView, prop: str) -> str | None:
    """A known, non-empty string value of ``prop``; None when absent or unknown during preview."""
    try:
        value = resource.get(prop)
    except UnknownValueError:
        return None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _arn_tail(arn: str) -> str | None:
    """``policy/<path><name>`` of a customer managed policy ARN (None for AWS managed ones)."""
    match = re.fullmatch(r"arn:aws[a-z-]*:iam::(\d+):(policy/.+)", arn)
    return match.group(2) if match else None


def policy_join_keys(policy: ResourceView) -> set[str]:
    """What an ARN naming this ``aws:iam/policy:Policy`` equals: its ARN (``id``/``arn``) when known.

    While the ARN is unknown (a preview of a new policy) a literal ARN can still name it by its
    ``policy/<path><name>`` tail, when name and path are known.
    """
    arns = {a for a in (_tolerant_text(policy, "id"), _tolerant_text(policy, "arn")) if a}
    if arns:
        return arns
    name = _tolerant_text(policy, "name")
    return {f"tail:policy{_tolerant_text(policy, 'path') or '/'}{name}"} if name else set()


def _value_keys(arn: Any) -> set[str]:
    if not isinstance(arn, str) or not arn.strip():
        return set()
    tail = _arn_tail(arn.strip())
    return {arn.strip(), *([f"tail:{tail}"] if tail else [])}


@dataclass(frozen=True)
class PolicyReferences:
    """Sources naming managed policies through one kind of property, indexed once per stack.

    ``known`` maps every join key of a known ARN value to the (source, property path) naming it;
    ``pending`` keeps (source, property) whose value is not known yet during a preview.
    """

    known: Mapping[str, tuple[tuple[ResourceView, str], ...]]
    pending: tuple[tuple[ResourceView, str], ...]

    def naming(self, stack: StackView, policy: ResourceView) -> list[tuple[ResourceView, str]]:
        """(source, property) that name ``policy``: by ARN, or, for a value still unknown, by the
        engine's dependency record (``refers_to``; a list with one unknown element, by the source's
        dependencies: only a source depending on the policy can carry its unknown ARN)."""
        found = [hit for key in policy_join_keys(policy) for hit in self.known.get(key, ())]
        found.extend((src, prop) for src, prop in self.pending
                     if stack.refers_to(src, prop, policy) or policy.urn in src.dependencies)
        return found


def _references(sources: Iterable[ResourceView],
                read: Callable[[ResourceView], Iterable[tuple[str, Any]]],
                prop_of: Callable[[ResourceView], str]) -> PolicyReferences:
    known: dict[str, list[tuple[ResourceView, str]]] = {}
    pending: list[tuple[ResourceView, str]] = []
    for src in sources:
        try:
            for path, arn in read(src):
                for key in _value_keys(arn):
                    known.setdefault(key, []).append((src, path))
        except UnknownValueError:
            pending.append((src, prop_of(src)))
    return PolicyReferences({k: tuple(v) for k, v in known.items()}, tuple(pending))


def _attachment_prop(resource: ResourceView) -> str:
    return LIST_ATTACHMENT_TYPES.get(resource.type, "policyArn")


def boundary_references(stack: StackView) -> PolicyReferences:
    """Roles and users naming a managed policy as their ``permissionsBoundary``."""
    key = "iam-boundary-references"
    if key not in stack.memo:
        stack.memo[key] = _references(stack.of_type(*BOUNDARY_HOLDER_TYPES),
                                      lambda r: [(BOUNDARY, r.get(BOUNDARY))], lambda r: BOUNDARY)
    refs: PolicyReferences = stack.memo[key]
    return refs


def attachment_references(stack: StackView) -> PolicyReferences:
    """Every resource of ``ATTACHMENT_TYPES`` attaching a managed policy (see ``attached_arns``)."""
    key = "iam-attachment-references"
    if key not in stack.memo:
        stack.memo[key] = _references(stack.of_type(*ATTACHMENT_TYPES), attached_arns, _attachment_prop)
    refs: PolicyReferences = stack.memo[key]
    return refs


def boundary_only_policies(stack: StackView) -> set[str]:
    """URNs of the stack's managed policies used only as a permissions boundary: named by at least one
    role's or user's ``permissionsBoundary`` and attached nowhere (a boundary grants nothing by itself,
    it caps the identity's other policies; attached, the same document grants what it allows)."""
    key = "iam-boundary-only"
    if key not in stack.memo:
        boundaries, attachments = boundary_references(stack), attachment_references(stack)
        stack.memo[key] = {
            p.urn for p in stack.of_type(MANAGED_POLICY)
            if boundaries.naming(stack, p) and not attachments.naming(stack, p)
        }
    found: set[str] = stack.memo[key]
    return found
