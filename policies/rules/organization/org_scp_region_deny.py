"""A service control policy denies every region outside the governed ones (global services exempt)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, StackRule, StackView, Violation
from .._lib.organizations import as_list, denying_scp_everywhere, statements

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
    yield from denying_scp_everywhere(
        stack, lambda doc: any(_is_region_deny(s) for s in statements(doc)),
        missing=("no service control policy denies requests outside the governed regions "
                 "(Deny with NotAction and a StringNotEquals condition on aws:RequestedRegion)"),
        uncovered=("the region-deny SCP ({names}) is attached neither to the root nor to every OU: "
                   "accounts outside its targets can launch into regions nobody governs"))


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
