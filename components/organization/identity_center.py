"""IdentityCenter: a permission set per job function, with session limits, managed policies and a boundary.

MFA enforcement in Identity Center has no API (it is a setting of the instance): the README lists it
as a manual step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from ..base import child, type_token
from ..environment import Environment
from .spec import IdentityCenterSpec


@dataclass(frozen=True)
class JobFunction:
    description: str
    managed_policies: tuple[str, ...]
    boundary: str  # an AWS managed policy: it exists in every account, so the boundary always resolves


JOB_FUNCTIONS = {
    "administrators": JobFunction("Full administration, short sessions", ("AdministratorAccess",),
                                  "AdministratorAccess"),
    "operators": JobFunction("Operations: systems administration and support", (
        "job-function/SystemAdministrator", "AWSSupportAccess"), "PowerUserAccess"),
    "developers": JobFunction("Build and run workloads; no IAM administration", ("PowerUserAccess",),
                              "PowerUserAccess"),
    "auditors": JobFunction("Read-only audit of configuration and security", ("SecurityAudit", "ReadOnlyAccess"),
                            "ReadOnlyAccess"),
}


class IdentityCenter(pulumi.ComponentResource):
    """Children: `permission-set-<job>` with attachments and boundary; `assignment-<job>-<principal>-<account>`."""

    permission_set_arns: dict[str, pulumi.Output[str]]

    def __init__(
        self,
        name: str,
        spec: IdentityCenterSpec,
        *,
        env: Environment,
        account_ids: Mapping[str, pulumi.Input[str]],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("organization", "IdentityCenter"), name, None, env.options(opts))
        if spec.instance_arn is None:
            raise ValueError("IdentityCenter needs spec.instance_arn (organization_issues reports it)")
        instance, partition = spec.instance_arn, env.partition
        self.permission_set_arns = {}
        for job, function in JOB_FUNCTIONS.items():
            logical = f"permission-set-{job}"
            permission_set = aws.ssoadmin.PermissionSet(
                logical, name=f"lz-{job}", description=function.description, instance_arn=instance,
                session_duration=spec.session_durations[job], tags=env.tagging.name(f"lz-{job}"), opts=child(self))
            self.permission_set_arns[job] = permission_set.arn
            for policy in function.managed_policies:
                aws.ssoadmin.ManagedPolicyAttachment(
                    f"{logical}-{policy.rpartition('/')[2]}", instance_arn=instance,
                    permission_set_arn=permission_set.arn,
                    managed_policy_arn=f"arn:{partition}:iam::aws:policy/{policy}", opts=child(self))
            aws.ssoadmin.PermissionsBoundaryAttachment(
                f"{logical}-boundary", instance_arn=instance, permission_set_arn=permission_set.arn,
                permissions_boundary={"managed_policy_arn": f"arn:{partition}:iam::aws:policy/{function.boundary}"},
                opts=child(self))
        for assignment in spec.assignments:
            for account in assignment.accounts:
                job, principal = assignment.permission_set, assignment.principal_id
                aws.ssoadmin.AccountAssignment(
                    f"assignment-{job}-{principal}-{account}", instance_arn=instance,
                    permission_set_arn=self.permission_set_arns[assignment.permission_set],
                    principal_type=assignment.principal_type, principal_id=assignment.principal_id,
                    target_type="AWS_ACCOUNT", target_id=account_ids[account], opts=child(self))
        self.register_outputs({"permissionSetArns": self.permission_set_arns})
