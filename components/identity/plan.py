"""Pure planning of the identity domain: names, ARNs and managed policies per job function.

Names are fixed (`lz-<env>-<what>`, path `/landing-zone/`) so that the permissions boundary, which
must name itself, and the groups' assume-role policies are pure documents known at preview.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base import AccountContext
from .spec import IdentitySpec, JobFunction

PATH = "/landing-zone/"

#: AWS managed policies per job function (names after `arn:<partition>:iam::aws:policy/`).
#: operators: ViewOnlyAccess + AmazonSSMFullAccess rather than PowerUserAccess. Operators patch, run
#:   commands and open sessions through Systems Manager (no SSH; CONTROLS row 9) and see every
#:   resource's configuration; PowerUserAccess would also let them rewrite any non-IAM resource,
#:   the network guardrails and KMS keys included, which is not operating but re-architecting.
#: developers: see configuration (ViewOnlyAccess), read logs and traces, push container images;
#:   deployments go through the pipeline, not through people.
#: auditors: SecurityAudit (security configuration metadata) + ReadOnlyAccess (everything else).
MANAGED_POLICIES: dict[JobFunction, tuple[str, ...]] = {
    "administrators": ("AdministratorAccess",),
    "operators": ("job-function/ViewOnlyAccess", "AmazonSSMFullAccess"),
    "developers": (
        "job-function/ViewOnlyAccess", "CloudWatchLogsReadOnlyAccess", "AWSXrayReadOnlyAccess",
        "AmazonEC2ContainerRegistryPowerUser",
    ),
    "auditors": ("SecurityAudit", "ReadOnlyAccess"),
}
SUPPORT_POLICY = "AWSSupportAccess"
#: Job functions whose members may also assume the support role (CIS 1.17) to open AWS cases.
SUPPORT_ASSUMERS: tuple[JobFunction, ...] = ("administrators", "operators")


@dataclass(frozen=True)
class JobFunctionPlan:
    function: JobFunction
    group_name: str
    role_name: str
    role_arn: str
    assume_policy_name: str
    assumable_role_arns: tuple[str, ...]
    managed_policy_arns: tuple[str, ...]


@dataclass(frozen=True)
class UserPlan:
    name: str
    groups: tuple[JobFunction, ...]
    pgp_key: str | None


@dataclass(frozen=True)
class IdentityPlan:
    prefix: str
    boundary_name: str
    boundary_arn: str
    force_mfa_name: str
    support_role_name: str
    support_role_arn: str
    support_policy_arn: str
    analyzer_name: str | None
    session_seconds: int
    mfa_max_age_seconds: int
    job_functions: tuple[JobFunctionPlan, ...]
    users: tuple[UserPlan, ...]


def managed_policy_arn(account: AccountContext, name: str) -> str:
    return f"arn:{account.partition}:iam::aws:policy/{name}"


def _iam_arn(account: AccountContext, kind: str, name: str) -> str:
    return f"arn:{account.partition}:iam::{account.account_id}:{kind}{PATH}{name}"


def plan_identity(spec: IdentitySpec, environment: str, account: AccountContext) -> IdentityPlan:
    prefix = f"lz-{environment}"
    support_arn = _iam_arn(account, "role", f"{prefix}-support")
    functions = []
    for function in dict.fromkeys(spec.job_functions):
        role_arn = _iam_arn(account, "role", f"{prefix}-{function}")
        extra = (support_arn,) if function in SUPPORT_ASSUMERS else ()
        functions.append(JobFunctionPlan(
            function=function,
            group_name=f"{prefix}-{function}",
            role_name=f"{prefix}-{function}",
            role_arn=role_arn,
            assume_policy_name=f"{prefix}-assume-{function}",
            assumable_role_arns=(role_arn, *extra),
            managed_policy_arns=tuple(managed_policy_arn(account, p) for p in MANAGED_POLICIES[function]),
        ))
    known = {f.function for f in functions}
    for user in spec.users:
        unknown = [g for g in user.groups if g not in known]
        if unknown:  # identity_issues reports this with its path; never build a half-wired user
            raise ValueError(f"user {user.name!r} is in groups {unknown} that are not enabled job functions")
    return IdentityPlan(
        prefix=prefix,
        boundary_name=f"{prefix}-permissions-boundary",
        boundary_arn=_iam_arn(account, "policy", f"{prefix}-permissions-boundary"),
        force_mfa_name=f"{prefix}-force-mfa",
        support_role_name=f"{prefix}-support",
        support_role_arn=support_arn,
        support_policy_arn=managed_policy_arn(account, SUPPORT_POLICY),
        analyzer_name=f"{prefix}-account" if spec.access_analyzer else None,
        session_seconds=spec.session_duration_hours * 3600,
        mfa_max_age_seconds=spec.mfa_max_age_seconds,
        job_functions=tuple(functions),
        users=tuple(UserPlan(u.name, tuple(dict.fromkeys(u.groups)), u.pgp_key) for u in spec.users),
    )
