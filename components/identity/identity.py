"""Identity: password policy, job-function groups and roles behind MFA, the support role, people."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws

from ..base import child, logical_name, type_token
from ..environment import Environment
from .documents import (
    assume_role_policy,
    force_mfa_policy,
    permissions_boundary,
    role_trust_policy,
)
from .plan import PATH, IdentityPlan, JobFunctionPlan, UserPlan, plan_identity
from .spec import IdentitySpec, identity_issues

#: Generated initial passwords are at least this long (and never shorter than the policy's minimum).
INITIAL_PASSWORD_LENGTH = 20


def _short(policy_arn: str) -> str:
    """`arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` -> `ViewOnlyAccess` (for logical names)."""
    return policy_arn.rsplit("/", 1)[-1]


class Identity(pulumi.ComponentResource):
    """The identity baseline of one environment.

    Children are named `<name>-password-policy`, `<name>-access-analyzer`, `<name>-permissions-boundary`,
    `<name>-force-mfa`, `<name>-<function>[-force-mfa|-<policy>|-assume|-assume-attachment]`,
    `<name>-<function>-role[-<policy>]`, `<name>-support-role[-<policy>]` and
    `<name>-user-<user>[-login|-groups]` (a public contract). No access key is ever created.
    """

    plan: IdentityPlan
    permissions_boundary_arn: pulumi.Output[str]
    force_mfa_policy_arn: pulumi.Output[str]
    group_names: dict[str, pulumi.Output[str]]
    role_arns: dict[str, pulumi.Output[str]]
    support_role_arn: pulumi.Output[str]
    user_names: dict[str, pulumi.Output[str]]
    analyzer_arn: pulumi.Output[str] | None

    def __init__(
        self,
        name: str,
        spec: IdentitySpec,
        *,
        env: Environment,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        account, tagging, production = env.account, env.tagging, env.production
        issues = list(identity_issues(spec, production))
        if issues:  # config.py reports these first; this guard keeps direct library use just as safe
            raise ValueError("; ".join(f"{path}: {message}" for path, message in issues))
        super().__init__(type_token("identity", "Identity"), name, None, env.options(opts))
        self.plan = plan = plan_identity(spec, tagging.environment, account)
        self._name, self._tag = name, tagging
        self._password_policy(spec)
        self.analyzer_arn = None
        if plan.analyzer_name is not None:
            analyzer = aws.accessanalyzer.Analyzer(
                logical_name(name, "access-analyzer"), analyzer_name=plan.analyzer_name, type="ACCOUNT",
                tags=tagging.name(plan.analyzer_name), opts=child(self))
            self.analyzer_arn = analyzer.arn
        boundary = self._policy("permissions-boundary", plan.boundary_name,
                                "Caps every landing-zone role and user: no switching off the guardrails",
                                permissions_boundary(plan, account))
        force_mfa = self._policy("force-mfa", plan.force_mfa_name,
                                 "Denies everything but MFA self-service until the caller signs in with MFA",
                                 force_mfa_policy(account))
        self.permissions_boundary_arn = boundary.arn
        self.force_mfa_policy_arn = force_mfa.arn
        trust = json.dumps(role_trust_policy(account, plan.mfa_max_age_seconds))
        self.group_names, self.role_arns = {}, {}
        groups: dict[str, aws.iam.Group] = {}
        for function in plan.job_functions:
            groups[function.function] = self._group(function, force_mfa)
            self.group_names[function.function] = groups[function.function].name
            self.role_arns[function.function] = self._role(
                function.function, function.role_name, f"Job function {function.function} (MFA required)",
                trust, boundary, function.managed_policy_arns).arn
        # CIS 1.17: a role for AWS Support cases, behind the same MFA trust and boundary.
        self.support_role_arn = self._role(
            "support", plan.support_role_name, "Manages incidents with AWS Support (CIS 1.17)", trust, boundary,
            (plan.support_policy_arn,)).arn
        self.user_names = {
            user.name: self._user(user, groups, boundary, spec.password_policy.minimum_length).name
            for user in plan.users
        }
        self.register_outputs({
            "permissionsBoundaryArn": self.permissions_boundary_arn,
            "groupNames": self.group_names,
            "roleArns": self.role_arns,
            "supportRoleArn": self.support_role_arn,
            "userNames": self.user_names,
        })

    def _password_policy(self, spec: IdentitySpec) -> None:
        policy = spec.password_policy
        aws.iam.AccountPasswordPolicy(
            logical_name(self._name, "password-policy"),
            minimum_password_length=policy.minimum_length, password_reuse_prevention=policy.reuse_prevention,
            max_password_age=policy.max_age_days, require_uppercase_characters=policy.require_uppercase,
            require_lowercase_characters=policy.require_lowercase, require_numbers=policy.require_numbers,
            require_symbols=policy.require_symbols, allow_users_to_change_password=True, hard_expiry=False,
            opts=child(self))

    def _policy(self, key: str, policy_name: str, description: str, document: dict[str, Any]) -> aws.iam.Policy:
        return aws.iam.Policy(
            logical_name(self._name, key), name=policy_name, path=PATH, description=description,
            policy=json.dumps(document), tags=self._tag.name(policy_name), opts=child(self))

    def _group(self, function: JobFunctionPlan, force_mfa: aws.iam.Policy) -> aws.iam.Group:
        key = logical_name(self._name, function.function)
        group = aws.iam.Group(key, name=function.group_name, path=PATH, opts=child(self))
        # Every group carries the MFA guard (CIS 1.10 / CONTROLS row 11), whatever else it grants.
        aws.iam.GroupPolicyAttachment(logical_name(key, "force-mfa"), group=group.name,
                                      policy_arn=force_mfa.arn, opts=child(self))
        for managed in function.managed_policy_arns:
            aws.iam.GroupPolicyAttachment(logical_name(key, _short(managed)), group=group.name,
                                          policy_arn=managed, opts=child(self))
        assume = self._policy(f"{function.function}-assume", function.assume_policy_name,
                              f"Lets {function.function} assume their job-function role",
                              assume_role_policy(function.assumable_role_arns))
        aws.iam.GroupPolicyAttachment(logical_name(key, "assume-attachment"), group=group.name,
                                      policy_arn=assume.arn, opts=child(self))
        return group

    def _role(self, key: str, role_name: str, description: str, trust: str, boundary: aws.iam.Policy,
              managed_policy_arns: tuple[str, ...]) -> aws.iam.Role:
        prefix = logical_name(self._name, key, "role")
        role = aws.iam.Role(
            prefix, name=role_name, path=PATH, description=description, assume_role_policy=trust,
            max_session_duration=self.plan.session_seconds, permissions_boundary=boundary.arn,
            tags=self._tag.name(role_name, **{"job-function": key}), opts=child(self))
        for managed in managed_policy_arns:
            aws.iam.RolePolicyAttachment(logical_name(prefix, _short(managed)), role=role.name, policy_arn=managed,
                                         opts=child(self))
        return role

    def _user(self, user: UserPlan, groups: dict[str, aws.iam.Group], boundary: aws.iam.Policy,
              min_length: int) -> aws.iam.User:
        key = logical_name(self._name, "user", user.name)
        created = aws.iam.User(key, name=user.name, path=PATH, permissions_boundary=boundary.arn,
                               tags=self._tag.name(user.name), opts=child(self))
        # The password is generated by AWS and must be changed at first sign-in; after that, IAM
        # reports different values for these inputs, which must not recreate the login profile.
        aws.iam.UserLoginProfile(
            logical_name(key, "login"), user=created.name, password_reset_required=True,
            password_length=max(INITIAL_PASSWORD_LENGTH, min_length), pgp_key=user.pgp_key,
            opts=child(self, ignore_changes=["passwordLength", "passwordResetRequired", "pgpKey"]))
        aws.iam.UserGroupMembership(logical_name(key, "groups"), user=created.name,
                                    groups=[groups[g].name for g in user.groups], opts=child(self))
        return created
