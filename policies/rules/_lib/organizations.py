"""AWS Organizations facts the organization rules share: type tokens, policy documents, attachments.

A stack "is an organization stack" when it declares ``aws.organizations.Organization``; every rule of
the family applies only there (an environment or app stack has nothing to say about them). Stack
properties are the resources' inputs plus their ids, so the root (an output of the Organization) is
recognised by the engine's dependency record: an attachment whose ``targetId`` came from the
Organization targets its root.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ...framework import ResourceView, StackView, Violation, each_resource

ORGANIZATION = "aws:organizations/organization:Organization"
UNIT = "aws:organizations/organizationalUnit:OrganizationalUnit"
ACCOUNT = "aws:organizations/account:Account"
POLICY = "aws:organizations/policy:Policy"
ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment"
SCP, RCP = "SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"
ROOT_ID = re.compile(r"^r-[0-9a-z]{4,32}$")

#: Maximum size of a policy document, in characters, per policy type (AWS Organizations quotas).
SIZE_LIMITS: dict[str, int] = {
    SCP: 5120, RCP: 5120, "DECLARATIVE_POLICY_EC2": 10000, "BACKUP_POLICY": 10000, "TAG_POLICY": 10000,
    "CHATBOT_POLICY": 10000, "AISERVICES_OPT_OUT_POLICY": 2500, "SECURITYHUB_POLICY": 10000,
}
#: Policies of a type attached to one root, OU or account (AWS Organizations quotas; SCP/RCP configurable).
ATTACHMENT_QUOTAS: dict[str, int] = {
    SCP: 5, RCP: 5, "DECLARATIVE_POLICY_EC2": 10, "BACKUP_POLICY": 10, "TAG_POLICY": 10,
    "CHATBOT_POLICY": 10, "AISERVICES_OPT_OUT_POLICY": 5, "SECURITYHUB_POLICY": 10,
}
#: The AWS-managed policy AWS attaches to every root, OU and account; it counts against the quota.
AWS_MANAGED_DEFAULT = {SCP: "FullAWSAccess", RCP: "RCPFullAWSAccess"}


def organizations(stack: StackView) -> list[ResourceView]:
    return stack.of_type(ORGANIZATION)


def policy_type(policy: ResourceView) -> str:
    return str(policy.get("type") or SCP)


def document(policy: ResourceView) -> dict[str, Any] | None:
    """The policy's content as JSON, or None when it does not parse as a JSON object."""
    content = policy.get("content")
    if isinstance(content, dict):
        return content
    try:
        parsed = json.loads(str(content))
    except (TypeError, ValueError):
        return None
    return parsed if isinstance(parsed, dict) else None


def statements(doc: dict[str, Any]) -> list[dict[str, Any]]:
    found = doc.get("Statement")
    items = found if isinstance(found, list) else [found]
    return [s for s in items if isinstance(s, dict)]


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def attachments_of(stack: StackView, policy: ResourceView) -> list[ResourceView]:
    return [a for a in stack.of_type(ATTACHMENT) if stack.refers_to(a, "policyId", policy)]


def targets_root(stack: StackView, attachment: ResourceView) -> bool:
    """The attachment's target is the organization's root (its id came from the Organization)."""
    deps = attachment.property_dependencies.get("targetId", ())
    if any(o.urn in deps for o in organizations(stack)):
        return True
    target = attachment.get("targetId")
    return isinstance(target, str) and bool(ROOT_ID.match(target))


def covers_organization(stack: StackView, attachments: Iterable[ResourceView]) -> bool:
    """Attached at the root, or on every OU of the stack (so every account below them)."""
    attachments = list(attachments)
    if any(targets_root(stack, a) for a in attachments):
        return True
    units = stack.of_type(UNIT)
    return bool(units) and all(any(stack.refers_to(a, "targetId", u) for a in attachments) for u in units)


def policies_of_type(stack: StackView, kind: str) -> Iterator[tuple[ResourceView, dict[str, Any]]]:
    """Each policy of ``kind`` whose document parses, with that document."""
    for policy in stack.of_type(POLICY):
        if policy_type(policy) != kind:
            continue
        doc = document(policy)
        if doc is not None:
            yield policy, doc


def account_of(resource: ResourceView) -> str:
    """Which account a resource lands in: its provider's, or the stack credentials' own ("<credentials>")."""
    return resource.account_id or "<credentials>"


def denying_scp_everywhere(stack: StackView, denies: Callable[[dict[str, Any]], bool], *, missing: str,
                           uncovered: str) -> Iterator[Violation]:
    """An organization stack has an SCP whose document ``denies`` and one such SCP covers the organization.

    ``missing`` is the violation when no SCP denies; ``uncovered`` (with ``{names}``, the denying
    policies) when none of them is attached at the root or on every OU.
    """
    if not organizations(stack):
        return
    denying = [p for p, doc in policies_of_type(stack, SCP) if denies(doc)]
    if not denying:
        yield Violation(missing)
        return
    if not any(covers_organization(stack, attachments_of(stack, p)) for p in denying):
        yield Violation(uncovered.format(names=", ".join(p.name for p in denying)))


def organization_configurations(stack: StackView, token: str, check: Callable[[ResourceView], Iterable[Violation]],
                                *, missing: str) -> Iterator[Violation]:
    """A delegated service's organization configurations (``token``), each judged by ``check``; an
    organization stack declaring none gets ``missing``."""
    configurations = stack.of_type(token)
    if organizations(stack) and not configurations:
        yield Violation(missing)
    yield from each_resource(configurations, check)
