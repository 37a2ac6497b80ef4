"""Organization: the AWS organization (all features), its OU tree and its member accounts."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from ..base import child, type_token
from ..environment import Environment
from .plan import POLICY_TYPES, SERVICE_PRINCIPALS, plan_accounts, plan_units
from .spec import ROOT, OrganizationSpec


class Organization(pulumi.ComponentResource):
    """Children: `organization`, `ou-<unit>` per unit (parents first), `account-<name>` per account.

    Accounts are protected and never closed on delete (removing one from the program only detaches it
    from state after `pulumi state unprotect`; closing an account is a deliberate act outside Pulumi).
    """

    organization: aws.organizations.Organization
    units: dict[str, aws.organizations.OrganizationalUnit]
    accounts: dict[str, aws.organizations.Account]
    organization_id: pulumi.Output[str]
    root_id: pulumi.Output[str]
    management_account_id: pulumi.Output[str]

    def __init__(
        self, name: str, spec: OrganizationSpec, *, env: Environment, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__(type_token("organization", "Organization"), name, None, env.options(opts))
        self.organization = aws.organizations.Organization(
            "organization", feature_set="ALL", enabled_policy_types=list(POLICY_TYPES),
            aws_service_access_principals=list(SERVICE_PRINCIPALS),
            opts=child(self, protect=True, import_=spec.adopt.organization))
        self.organization_id = self.organization.id
        self.root_id = self.organization.roots.apply(lambda roots: str(roots[0].id))
        self.management_account_id = self.organization.master_account_id
        self.units = {}
        for unit in plan_units(spec):
            parent_id = self.root_id if unit.parent == ROOT else self.units[unit.parent].id
            self.units[unit.name] = aws.organizations.OrganizationalUnit(
                unit.logical, name=unit.name, parent_id=parent_id, tags=env.tagging.name(unit.name),
                opts=child(self, import_=unit.import_id))
        self.accounts = {
            account.name: aws.organizations.Account(
                account.logical, name=account.name, email=account.email, parent_id=self.units[account.unit].id,
                role_name=spec.access_role_name, iam_user_access_to_billing="DENY", close_on_deletion=False,
                tags=env.tagging.name(account.name, unit=account.unit),
                # AWS reads role_name and iam_user_access_to_billing only at creation; an adopted account
                # reports neither, so they must not force a replacement.
                opts=child(self, protect=True, import_=account.import_id,
                           ignore_changes=["roleName", "iamUserAccessToBilling"]))
            for account in plan_accounts(spec)
        }
        self.register_outputs({
            "organizationId": self.organization_id, "rootId": self.root_id,
            "unitIds": {n: u.id for n, u in self.units.items()},
            "accountIds": {n: a.id for n, a in self.accounts.items()},
        })

    def target_ids(self) -> dict[str, pulumi.Output[str]]:
        """'Root', unit and account names -> the ids policies attach to."""
        return {ROOT: self.root_id, **{n: u.id for n, u in self.units.items()},
                **{n: a.id for n, a in self.accounts.items()}}
