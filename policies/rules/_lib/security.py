"""Helpers shared by the security-services, identity-breadth and storage rules of this family.

``documents`` yields every IAM policy document a customer writes (managed, inline on a role/user/group,
and a Role's ``inlinePolicies``), so identity rules judge the same set the full-admin rule does.
``owned_by`` joins a sub-resource (LifecyclePolicy, SecretRotation, ...) to its subject by id, name or
the engine's dependency record, tolerating values unknown during preview (joins never decide verdicts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from ...framework import ResourceView, StackView, UnknownValueError, Violation, each_resource
from .docs import DocumentError
from .iam import PolicyStatement, boundary_only_policies, statements
from .s3 import PUBLIC_ACCESS_FLAGS

ROLE = "aws:iam/role:Role"
MANAGED_POLICY = "aws:iam/policy:Policy"
INLINE_POLICY_TYPES = (
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
)
IAM_DOCUMENT_TYPES = (MANAGED_POLICY, *INLINE_POLICY_TYPES, ROLE)


def documents(resource: ResourceView) -> Iterator[tuple[str, Any]]:
    """(property path, document) of every identity policy the resource declares."""
    if resource.type == ROLE:
        for i, inline in enumerate(resource.get("inlinePolicies") or ()):
            if inline.get("policy"):  # one empty block is how a role drops every inline policy
                yield f"inlinePolicies[{i}].policy", inline.get("policy")
    else:
        yield "policy", resource.get("policy")


def _tolerant(resource: ResourceView, prop: str) -> Any:
    try:
        return resource.get(prop)
    except UnknownValueError:
        return None


def owned_by(stack: StackView, source: ResourceView, prop: str, subject: ResourceView,
             keys: Iterable[str] = ("id", "name", "arn")) -> bool:
    """``source.<prop>`` names ``subject``: by id (``refers_to``) or by one of the subject's ``keys``."""
    if stack.refers_to(source, prop, subject):
        return True
    value = _tolerant(source, prop)
    if not isinstance(value, str) or not value:
        return False
    return any(value == _tolerant(subject, key) for key in keys)


def is_aws_managed_key(key: Any, service: str) -> bool:
    """The service's AWS managed key (``alias/aws/<service>``, by alias or alias ARN)."""
    text = str(key or "").strip()
    return text == f"alias/aws/{service}" or text.endswith(f":alias/aws/{service}")


def identity_policy_rule_evaluate(judge: Callable[[PolicyStatement, Mapping[str, Any]], Iterable[str]],
                                  types: Callable[[Mapping[str, Any]], tuple[str, ...]]
                                  ) -> Callable[[StackView, Mapping[str, Any]], Iterator[Violation]]:
    """A stack evaluate running ``judge`` on every statement of every customer policy document.

    Managed policies used only as a permissions boundary are skipped (as FSBP's
    excludePermissionBoundaryPolicy); unreadable documents are skipped too, because
    iam_no_full_admin_policy already reports them (one finding per defect).
    """

    def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
        boundaries = boundary_only_policies(stack)

        def check(resource: ResourceView) -> Iterator[Violation]:
            for path, document in documents(resource):
                try:
                    found = statements(document)
                except DocumentError:
                    continue
                for stmt in found:
                    for message in judge(stmt, config):
                        yield Violation(f"Statement[{stmt.index}] {message}", path)

        subjects = [r for r in stack.of_type(*types(config)) if r.urn not in boundaries]
        yield from each_resource(subjects, check)

    return evaluate


_SNAKE = {"blockPublicAcls": "block_public_acls", "blockPublicPolicy": "block_public_policy",
          "ignorePublicAcls": "ignore_public_acls", "restrictPublicBuckets": "restrict_public_buckets"}


def public_access_gaps(block: Any, path: str) -> Iterator[Violation]:
    """A Violation per flag explicitly turned off (an omitted block or flag keeps AWS's default: on)."""
    for flag in PUBLIC_ACCESS_FLAGS:
        value = (block or {}).get(flag)
        if value is False:
            yield Violation(f"{_SNAKE[flag]} is False; all four block public access settings must stay True "
                            "(AWS's default when omitted)", f"{path}.{flag}")
