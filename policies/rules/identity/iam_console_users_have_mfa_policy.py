"""Every console user belongs to a group whose policy denies actions without MFA (CIS 1.10)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, UnknownValueError, Violation
from .._lib.docs import DocumentError
from .._lib.iam import all_actions, denies_without_mfa, statements

USER = "aws:iam/user:User"
GROUP = "aws:iam/group:Group"
POLICY = "aws:iam/policy:Policy"
LOGIN_PROFILE = "aws:iam/userLoginProfile:UserLoginProfile"
USER_GROUPS = "aws:iam/userGroupMembership:UserGroupMembership"
GROUP_USERS = "aws:iam/groupMembership:GroupMembership"
GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy"
GROUP_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment"


class Directory:
    """Resolves a name-valued property (``user``, ``groups``, ``policyArn``) to stable keys.

    A declared resource's key is its URN, reached by its name, id or ARN or, while the value is unknown
    during a preview, by the engine's dependency record; a name not declared here keys as itself.
    """

    def __init__(self, stack: StackView, kind: str) -> None:
        self.stack = stack
        self.urns = {r.urn for r in stack.of_type(kind)}
        self.aliases: dict[str, str] = {}
        for r in stack.of_type(kind):
            for alias in self._aliases(r):
                self.aliases.setdefault(alias, r.urn)

    @staticmethod
    def _aliases(resource: ResourceView) -> Iterator[str]:
        known = {prop: _known_text(resource, prop) for prop in ("name", "id", "arn", "path")}
        yield from (value for p in ("name", "id", "arn") if (value := known[p]))
        if known["name"]:  # the ARN's path/name tail: account and partition are not known here
            yield f"{known['path'] or '/'}{known['name']}"

    def resolve(self, source: ResourceView, prop: str) -> list[str]:
        try:
            value = source.get(prop)
            values = [value] if isinstance(value, str) else list(value or ())
            return [self._key(str(v)) for v in values]
        except UnknownValueError:
            deps = source.property_dependencies.get(prop, ()) or source.dependencies
            found = [urn for urn in deps if urn in self.urns]
            if not found:
                raise
            return found

    def _key(self, value: str) -> str:
        if value in self.aliases:
            return self.aliases[value]
        if ":policy/" in value:  # arn:<partition>:iam::<account>:policy/<path><name>
            suffix = "/" + value.split(":policy/", 1)[1]
            if suffix in self.aliases:
                return self.aliases[suffix]
        return f"name:{value}"


def _known_text(resource: ResourceView, prop: str) -> str | None:
    try:
        value = resource.get(prop)
    except UnknownValueError:
        return None
    return value if isinstance(value, str) and value else None


def _mfa_document(document: Any) -> bool:
    """Denies (all actions, or all but a NotAction allow-list for MFA self-service) without MFA."""
    try:
        found = statements(document)
    except DocumentError:
        return False
    return any(denies_without_mfa(s) and all_actions(s, count_not_action=True) for s in found)


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    # Lazily, from the console users outward: a stack without login profiles has nothing to judge, and a
    # policy no console user's group carries is never read (its document may be unknown in a preview).
    profiles = list(stack.of_type(LOGIN_PROFILE))
    if not profiles:
        return
    users, groups, policies = (Directory(stack, kind) for kind in (USER, GROUP, POLICY))
    console = {profile.urn: users.resolve(profile, "user") for profile in profiles}
    console_users = {user for found in console.values() for user in found}
    member_of: dict[str, set[str]] = {}
    for m in stack.of_type(USER_GROUPS):
        for user in set(users.resolve(m, "user")) & console_users:
            member_of.setdefault(user, set()).update(groups.resolve(m, "groups"))
    for m in stack.of_type(GROUP_USERS):
        for user in set(users.resolve(m, "users")) & console_users:
            member_of.setdefault(user, set()).update(groups.resolve(m, "group"))
    wanted = {group for found in member_of.values() for group in found}
    mfa_groups = _mfa_groups(stack, groups, policies, wanted) if wanted else set()
    for profile in profiles:
        for user in console[profile.urn]:
            if not member_of.get(user, set()) & mfa_groups:
                who = user.removeprefix("name:").rsplit("::", 1)[-1]
                yield Violation(f"console user {who} is in no group whose policy denies actions without MFA",
                                "user", profile.urn)


def _mfa_groups(stack: StackView, groups: Directory, policies: Directory, wanted: set[str]) -> set[str]:
    """Which of the `wanted` groups carry a deny-without-MFA policy, inline or attached."""
    found: set[str] = set()
    for gp in stack.of_type(GROUP_POLICY):
        targets = set(groups.resolve(gp, "group")) & wanted
        if targets and _mfa_document(gp.get("policy")):
            found |= targets
    by_urn = {p.urn: p for p in stack.of_type(POLICY)}
    for att in stack.of_type(GROUP_ATTACHMENT):
        targets = set(groups.resolve(att, "group")) & wanted
        if targets and any(urn in by_urn and _mfa_document(by_urn[urn].get("policy"))
                           for urn in policies.resolve(att, "policyArn")):
            found |= targets
    return found


RULE = StackRule(
    id="iam_console_users_have_mfa_policy",
    title="Console users are in a group that denies everything without MFA",
    description=(
        "A console password alone is one phishing page away from the account. Every user with a login "
        "profile must be a member of a group carrying a Deny (Action \"*\" or NotAction of the MFA "
        "self-service actions) with Condition Bool/BoolIfExists aws:MultiFactorAuthPresent \"false\", as an "
        "inline GroupPolicy or an attached aws.iam.Policy declared in the same stack. Exemptions match "
        "the login profile's resource name."
    ),
    severity=Severity.MEDIUM,
    frameworks={
        "aws-fsbp": ("IAM.5",),
        "cis-aws-5.0": ("1.9",),
        "cis-aws-3.0": ("1.10",),
        "seed": ("one-time-password", "user-management"),
    },
    remediation=(
        "Add the user to a group (aws.iam.UserGroupMembership) that has the landing zone's deny-without-MFA "
        'policy: a Deny with NotAction of the iam MFA self-service actions, Resource "*", Condition '
        '{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}} (GroupPolicy or GroupPolicyAttachment).'
    ),
    evaluate=evaluate,
)
