"""A service control policy denies organizations:LeaveOrganization for the whole organization."""

from collections.abc import Iterator, Mapping
from fnmatch import fnmatchcase
from typing import Any

from ...framework import Severity, StackRule, StackView, Violation
from .._lib.organizations import as_list, denying_scp_everywhere, statements


def _denies_leaving(doc: dict[str, Any]) -> bool:
    return any(
        s.get("Effect") == "Deny"
        and any(fnmatchcase("organizations:leaveorganization", str(a).lower()) for a in as_list(s.get("Action")))
        for s in statements(doc))


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from denying_scp_everywhere(
        stack, _denies_leaving,
        missing="no service control policy denies organizations:LeaveOrganization",
        uncovered=("the SCP denying LeaveOrganization ({names}) is attached neither to the root nor to "
                   "every OU: accounts outside its targets can leave the organization and its guardrails"))


RULE = StackRule(
    id="org_scp_deny_leave_organization",
    title="An SCP denies leaving the organization, attached at the root or on every OU",
    description=("An account that leaves the organization sheds every guardrail, the organization trail and the "
                 "delegated security services at once. CIS AWS v7.0 2.1 asks for baseline authorization "
                 "policies on every member account; this is the first of them."),
    severity=Severity.HIGH,
    frameworks={"seed": ("isolated-accounts",)},
    remediation=("Declare aws.organizations.Policy(type=\"SERVICE_CONTROL_POLICY\", content=<Deny "
                 "organizations:LeaveOrganization on *>) and an aws.organizations.PolicyAttachment to the root "
                 "(organization.roots[0].id) or to every OU (the landing zone's GuardrailPolicies does)."),
    evaluate=evaluate,
)
