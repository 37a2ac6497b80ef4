"""A service control policy denies every region outside the governed ones (global services exempt)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, StackRule, StackView, Violation
from .._lib.organizations import (
    SCP,
    as_list,
    attachments_of,
    covers_organization,
    organizations,
    policies_of_type,
    statements,
)

_NOT_EQUALS = ("stringnotequals", "stringnotequalsifexists", "stringnotlike", "stringnotlikeifexists")


def _is_region_deny(statement: dict[str, Any]) -> bool:
    if statement.get("Effect") != "Deny":
        return False
    # Global services (IAM, Organizations, STS, ...) answer from us-east-1 whatever region is asked:
    # a region deny lists them in NotAction, or it denies them too. Action "*" is still a region deny.
    if "NotAction" not in statement and "*" not in as_list(statement.get("Action")):
        return False
    condition = statement.get("Condition")
    if not isinstance(condition, dict):
        return False
    for operator, keys in condition.items():
        if (str(operator).lower() in _NOT_EQUALS and isinstance(keys, dict)
                and any(str(k).lower() == "aws:requestedregion" for k in keys)):
            return True
    return False


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not organizations(stack):
        return
    denying = [p for p, doc in policies_of_type(stack, SCP) if any(_is_region_deny(s) for s in statements(doc))]
    if not denying:
        yield Violation("no service control policy denies requests outside the governed regions "
                        "(Deny with NotAction and a StringNotEquals condition on aws:RequestedRegion)")
        return
    if not any(covers_organization(stack, attachments_of(stack, p)) for p in denying):
        names = ", ".join(p.name for p in denying)
        yield Violation(f"the region-deny SCP ({names}) is attached neither to the root nor to every OU: "
                        "accounts outside its targets can launch into regions nobody governs")


RULE = StackRule(
    id="org_scp_region_deny",
    title="An SCP denies ungoverned regions, attached at the root or on every OU",
    description=("GuardDuty, Security Hub and Config run only in the governed regions; a workload in any other "
                 "region is unwatched. The region deny keeps everyone there, global services exempt."),
    severity=Severity.HIGH,
    frameworks={"seed": ("governed-regions",)},
    remediation=("Attach an SCP with a Deny statement whose NotAction lists the global services and whose "
                 "Condition is StringNotEquals aws:RequestedRegion [governed regions] (exempting the pipeline "
                 "role) to the root or every OU."),
    evaluate=evaluate,
)
