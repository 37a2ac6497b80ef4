"""Identity for every Pulumi language: the password policy, job functions and users as plain arguments."""

from typing import NotRequired, TypedDict

import pulumi

from ..identity.identity import Identity as _Identity
from ..identity.spec import IdentitySpec, identity_issues
from ..validation import Issue
from .args import Environment, InputPropertyErrorDetails, as_output, compact, environment_of, invalid, token, validated


class PasswordPolicy(TypedDict):
    """The account password policy: stricter than the CIS floors or equal, never weaker."""

    minimum_length: NotRequired[int]
    """Minimum password length (14 or more); default 14."""
    reuse_prevention: NotRequired[int]
    """Previous passwords that cannot be reused (24)."""
    max_age_days: NotRequired[int]
    """Days until a password expires (1-90); default 90."""


class User(TypedDict):
    """A person with console access: a login profile and group membership, never an access key."""

    name: str
    """IAM user name (letters, digits and +=,.@_-, at most 64 characters)."""
    groups: list[str]
    """Job-function groups the user belongs to (administrators, operators, developers, auditors, ...)."""
    pgp_key: NotRequired[str]
    """PGP public key (base64, or keybase:<user>) that encrypts the initial password in state."""


class IdentityArgs(TypedDict):
    """The identity baseline of one account."""

    environment: Environment
    """Where and how the identity baseline deploys."""
    password_policy: NotRequired[PasswordPolicy]
    """The account password policy; default: the CIS values."""
    job_functions: NotRequired[list[str]]
    """Job functions, each a group and an assumable role; default administrators, operators, auditors."""
    session_duration_hours: NotRequired[int]
    """Role session length (1-12 hours)."""
    mfa_max_age_seconds: NotRequired[int]
    """How old an MFA sign-in may be for the job-function roles."""
    access_analyzer: NotRequired[bool]
    """Create an account IAM Access Analyzer (CIS 1.20); default true."""
    users: NotRequired[list[User]]
    """Console users; default none."""


def _nested(raw: object) -> object:
    if isinstance(raw, dict):
        return {k: _nested(v) for k, v in raw.items() if v is not None}
    if isinstance(raw, list):
        return [_nested(v) for v in raw]
    return raw


class Identity(pulumi.ComponentResource):
    """Password policy, permissions boundary, MFA-enforced job-function groups and roles, support role, users."""

    permissions_boundary_arn: pulumi.Output[str]
    """The permissions boundary every role carries."""
    force_mfa_policy_arn: pulumi.Output[str]
    """The policy that denies everything but MFA set-up without an MFA sign-in."""
    group_names: pulumi.Output[dict[str, str]]
    """Group name per job function."""
    role_arns: pulumi.Output[dict[str, str]]
    """Role ARN per job function."""
    support_role_arn: pulumi.Output[str]
    """The AWS Support role (CIS 1.17)."""
    user_names: pulumi.Output[dict[str, str]]
    """IAM user name per user."""

    def __init__(self, name: str, args: IdentityArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        raw = compact(dict(args))
        doc = _nested({k: v for k, v in raw.items() if k != "environment"})
        spec = validated("Identity", IdentitySpec, doc if isinstance(doc, dict) else {})
        env = environment_of("Identity", raw.get("environment") or {})
        _guard(spec, env.production)
        super().__init__(token("Identity"), name, None, opts)
        identity = _Identity(name, spec, env=env, opts=pulumi.ResourceOptions(parent=self))
        self.permissions_boundary_arn = identity.permissions_boundary_arn
        self.force_mfa_policy_arn = identity.force_mfa_policy_arn
        self.group_names = as_output(identity.group_names)
        self.role_arns = as_output(identity.role_arns)
        self.support_role_arn = identity.support_role_arn
        self.user_names = as_output(identity.user_names)
        self.register_outputs({"permissionsBoundaryArn": self.permissions_boundary_arn,
                               "roleArns": self.role_arns, "userNames": self.user_names})


def _guard(spec: IdentitySpec, production: bool) -> None:
    issues: list[Issue] = list(identity_issues(spec, production))
    if issues:
        raise invalid("Identity", [InputPropertyErrorDetails(property_path=p.removeprefix("identity."), reason=m)
                                   for p, m in issues])
