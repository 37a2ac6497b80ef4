"""Delegated administrators are member accounts of the organization, never its management account."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.organizations import ACCOUNT, account_of, organizations

#: Each delegation resource and the property naming the delegated account (pulumi-aws v7).
DELEGATIONS: dict[str, str] = {
    "aws:organizations/delegatedAdministrator:DelegatedAdministrator": "accountId",
    "aws:guardduty/organizationAdminAccount:OrganizationAdminAccount": "adminAccountId",
    "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount": "adminAccountId",
    "aws:inspector2/delegatedAdminAccount:DelegatedAdminAccount": "accountId",
    "aws:macie2/organizationAdminAccount:OrganizationAdminAccount": "adminAccountId",
    "aws:detective/organizationAdminAccount:OrganizationAdminAccount": "accountId",
    "aws:fms/adminAccount:AdminAccount": "accountId",
}


def _check(stack: StackView) -> Any:
    members = stack.of_type(ACCOUNT)
    orgs = organizations(stack)
    management = {account_of(o) for o in orgs}

    def check(delegation: ResourceView) -> Iterator[Violation]:
        prop = DELEGATIONS[delegation.type]
        delegated = delegation.get(prop)
        if any(stack.refers_to(delegation, prop, m) for m in members):
            return
        # Delegating is done from the management account: a delegation to the account its own provider
        # lands in delegates to the management account.
        if delegated and str(delegated) in management | {account_of(delegation)}:
            yield Violation(f"{delegation.name} delegates to {delegated}, the management account", prop)
            return
        yield Violation(f"{delegation.name} delegates to {delegated!r}, which is none of the member accounts "
                        "this organization declares: it may be the management account", prop)

    return check


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    delegations = [r for t in DELEGATIONS for r in stack.of_type(t)]
    if not organizations(stack):
        return
    yield from each_resource(delegations, _check(stack))


RULE = StackRule(
    id="org_delegated_admin_not_management",
    title="Delegated administrators are member accounts, not the management account",
    description=("The management account is outside every SCP; running GuardDuty, Security Hub, Config or "
                 "Organizations administration from it concentrates the most privileged credentials where no "
                 "guardrail applies (CIS AWS v7.0 2.1: delegated administrators for Organizations and for the "
                 "services that integrate with it)."),
    severity=Severity.HIGH,
    frameworks={"seed": ("isolated-accounts", "organization-monitoring")},
    remediation=("Register the audit account (an aws.organizations.Account of this stack) as delegated "
                 "administrator: pass its id (account.id) to DelegatedAdministrator / OrganizationAdminAccount."),
    evaluate=evaluate,
)
