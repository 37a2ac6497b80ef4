"""iam_console_users_have_mfa_policy: a stack rule joining login profiles, memberships and group policies."""

import json

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

SELF_SERVICE = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices",
                "iam:ResyncMFADevice", "sts:GetSessionToken"]


def deny_without_mfa(*, not_action: bool = True, operator: str = "BoolIfExists") -> str:
    statement: dict = {"Sid": "DenyAllExceptMfaSetupWithoutMfa", "Effect": "Deny", "Resource": "*",
                       "Condition": {operator: {"aws:MultiFactorAuthPresent": "false"}}}
    statement.update({"NotAction": SELF_SERVICE} if not_action else {"Action": "s3:*"})
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def user(name: str, *, console: bool = True) -> aws.iam.User:
    u = aws.iam.User(name, name=name)
    if console:
        aws.iam.UserLoginProfile(f"{name}-console", user=u.name)
    return u


def declare() -> None:
    console = aws.iam.Group("console-users", name="console-users")
    aws.iam.GroupPolicy("console-users-mfa", group=console.name, policy=deny_without_mfa())
    admins = aws.iam.Group("admins", name="admins")
    require_mfa = aws.iam.Policy("require-mfa", name="require-mfa", policy=deny_without_mfa(operator="Bool"))
    aws.iam.GroupPolicyAttachment("admins-mfa", group=admins.name, policy_arn=require_mfa.arn)
    devs = aws.iam.Group("devs", name="devs")
    aws.iam.GroupPolicyAttachment("devs-readonly", group=devs.name,
                                  policy_arn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    weak = aws.iam.Group("weak", name="weak")
    aws.iam.GroupPolicy("weak-s3-only", group=weak.name, policy=deny_without_mfa(not_action=False))

    alice = user("alice")
    aws.iam.UserGroupMembership("alice-groups", user=alice.name, groups=[devs.name, console.name])
    bob = user("bob")
    aws.iam.GroupMembership("admins-members", group=admins.name, users=[bob.name])
    carol = user("carol")
    aws.iam.UserGroupMembership("carol-groups", user=carol.name, groups=[devs.name])
    user("dave", console=False)
    user("erin")
    frank = user("frank")
    aws.iam.UserGroupMembership("frank-groups", user=frank.name, groups=[weak.name])
    aws.iam.UserLoginProfile("gina-console", user="gina")  # declared elsewhere, joined by name
    aws.iam.UserGroupMembership("gina-groups", user="gina", groups=["console-users"])


GRAPH = run_function(declare)


def test_fails_exactly_the_console_users_without_a_deny_unless_mfa_group() -> None:
    found = violations("iam_console_users_have_mfa_policy", GRAPH)
    assert set(found) == {"carol-console", "erin-console", "frank-console"}
    [v] = found["erin-console"]
    assert v.message == "console user erin is in no group whose policy denies actions without MFA"


def test_exemptions_match_the_login_profile_name() -> None:
    assert set(violations("iam_console_users_have_mfa_policy", GRAPH, {"exemptions": ["erin-*", "frank-*"]})) == {
        "carol-console"
    }


def test_no_console_users_passes() -> None:
    def program() -> None:
        aws.iam.User("robot", name="robot")

    assert evaluate_rule("iam_console_users_have_mfa_policy", program) == set()


def test_unknown_login_user_with_no_dependency_is_cannot_decide() -> None:
    def program() -> None:
        aws.iam.UserLoginProfile("pending-console", user=unknown("someone"))

    [only] = violations("iam_console_users_have_mfa_policy", run_function(program))["<stack>"]
    assert only.message.startswith("cannot decide: user")


def _app_policies() -> None:
    """What app stacks declare: a role's policy built from values a preview does not know yet."""
    role = aws.iam.Role("app", assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": []}))
    policy = aws.iam.Policy("app-data", policy=unknown(json.dumps({"Version": "2012-10-17", "Statement": []})))
    aws.iam.RolePolicyAttachment("app-data", role=role.name, policy_arn=policy.arn)


def test_a_stack_without_console_users_is_not_judged_even_with_unknown_policies() -> None:
    def program() -> None:
        _app_policies()
        aws.iam.GroupPolicy("ops-inline", group=unknown("ops"), policy=unknown("{}"))

    assert violations("iam_console_users_have_mfa_policy", run_function(program)) == {}


def test_a_console_user_without_mfa_still_fails_beside_unknown_unrelated_policies() -> None:
    def program() -> None:
        _app_policies()
        ops = aws.iam.Group("ops", name="ops")
        aws.iam.GroupPolicyAttachment("ops-readonly", group=ops.name,
                                      policy_arn="arn:aws:iam::aws:policy/ReadOnlyAccess")
        hank = user("hank")
        aws.iam.UserGroupMembership("hank-groups", user=hank.name, groups=[ops.name])

    found = violations("iam_console_users_have_mfa_policy", run_function(program))
    assert set(found) == {"hank-console"}
    assert [v.message for v in found["hank-console"]] == [
        "console user hank is in no group whose policy denies actions without MFA"]
