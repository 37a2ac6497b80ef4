"""iam_no_full_admin_policy, iam_no_user_attached_policies, iam_no_cloudshell_full_access."""

import json

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function


def doc(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


ADMIN = {"Effect": "Allow", "Action": "*", "Resource": "*"}
TRUST = doc({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"})


def test_full_admin_fails_every_document_granting_star_on_star() -> None:
    def program() -> None:
        aws.iam.Policy("ok-read", policy=doc({"Effect": "Allow", "Action": ["s3:Get*"], "Resource": "*"}))
        aws.iam.Policy("ok-deny-all", policy=doc({"Effect": "Deny", "Action": "*", "Resource": "*"}))
        aws.iam.Policy("ok-star-on-one-bucket",
                       policy=doc({"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/*"}))
        aws.iam.Policy("admin", policy=doc(ADMIN))
        aws.iam.Policy("admin-star-star-list",
                       policy=doc({"Effect": "Allow", "Action": ["s3:*", "*:*"], "Resource": ["*"]}))
        aws.iam.Policy("admin-one-statement", policy=json.dumps({"Version": "2012-10-17", "Statement": ADMIN}))
        aws.iam.Policy("not-action", policy=doc({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}))
        aws.iam.Policy("not-resource",
                       policy=doc({"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::b"}))
        aws.iam.RolePolicy("role-inline", role="r", policy=doc(ADMIN))
        aws.iam.UserPolicy("user-inline", user="u", policy=doc(ADMIN))
        aws.iam.GroupPolicy("group-inline", group="g", policy=doc(ADMIN))
        aws.iam.Role("role-inline-block", assume_role_policy=TRUST, inline_policies=[
            aws.iam.RoleInlinePolicyArgs(name="ok", policy=doc({"Effect": "Allow", "Action": "s3:*",
                                                                 "Resource": "*"})),
            aws.iam.RoleInlinePolicyArgs(name="admin", policy=doc(ADMIN))])
        aws.iam.Role("ok-role-drops-inline", assume_role_policy=TRUST, inline_policies=[
            aws.iam.RoleInlinePolicyArgs()])
        aws.iam.Policy("broken", policy="{not json")

    graph = run_function(program)
    assert set(violations("iam_no_full_admin_policy", graph)) == {
        "admin", "admin-star-star-list", "admin-one-statement", "not-action", "not-resource", "role-inline",
        "user-inline", "group-inline", "role-inline-block", "broken",
    }
    assert set(violations("iam_no_full_admin_policy", graph, {"count_not_elements": False})) == {
        "admin", "admin-star-star-list", "admin-one-statement", "role-inline", "user-inline", "group-inline",
        "role-inline-block", "broken",
    }
    [v] = violations("iam_no_full_admin_policy", graph)["role-inline-block"]
    assert v.property == "inlinePolicies[1].policy"
    assert "Statement[0]" in v.message


def test_full_admin_policy_from_get_policy_document() -> None:
    def program() -> None:
        admin = aws.iam.get_policy_document(statements=[
            aws.iam.GetPolicyDocumentStatementArgs(actions=["*"], resources=["*"])])
        aws.iam.Policy("rendered-admin", policy=admin.json)

    assert evaluate_rule("iam_no_full_admin_policy", program) == {"rendered-admin"}


def test_unknown_policy_document_cannot_be_decided() -> None:
    def program() -> None:
        aws.iam.Policy("pending", policy=unknown(doc(ADMIN)))

    [only] = violations("iam_no_full_admin_policy", run_function(program))["pending"]
    assert only.message.startswith("cannot decide: policy")


def test_users_get_permissions_only_through_groups() -> None:
    arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"

    def program() -> None:
        aws.iam.UserPolicy("inline", user="alice", policy=doc({"Effect": "Allow", "Action": "s3:Get*",
                                                               "Resource": "*"}))
        aws.iam.UserPolicyAttachment("attached", user="alice", policy_arn=arn)
        aws.iam.PolicyAttachment("shared-with-users", policy_arn=arn, users=["alice"], groups=["ops"])
        aws.iam.PolicyAttachment("ok-shared-with-groups", policy_arn=arn, groups=["ops"], roles=["r"])
        aws.iam.UserPoliciesExclusive("exclusive-inline", user_name="alice", policy_names=["p"])
        aws.iam.UserPoliciesExclusive("ok-exclusive-none", user_name="bob", policy_names=[])
        aws.iam.UserPolicyAttachmentsExclusive("exclusive-arns", user_name="alice", policy_arns=[arn])
        aws.iam.GroupPolicyAttachment("ok-group", group="ops", policy_arn=arn)

    assert evaluate_rule("iam_no_user_attached_policies", program) == {
        "inline", "attached", "shared-with-users", "exclusive-inline", "exclusive-arns"
    }
    assert evaluate_rule("iam_no_user_attached_policies", program, {"exemptions": ["exclusive-*"]}) == {
        "inline", "attached", "shared-with-users"
    }


def test_cloudshell_full_access_is_never_attached() -> None:
    shell = "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"

    def program() -> None:
        aws.iam.RolePolicyAttachment("role", role="r", policy_arn=shell)
        aws.iam.UserPolicyAttachment("user", user="u", policy_arn=shell)
        aws.iam.GroupPolicyAttachment("group", group="g", policy_arn=shell)
        aws.iam.GroupPolicyAttachment("gov-cloud", group="g",
                                      policy_arn="arn:aws-us-gov:iam::aws:policy/AWSCloudShellFullAccess")
        aws.iam.PolicyAttachment("shared", policy_arn=shell, roles=["r"])
        aws.iam.Role("managed-arns", assume_role_policy=TRUST, managed_policy_arns=[
            "arn:aws:iam::aws:policy/ReadOnlyAccess", shell])
        aws.iam.RolePolicyAttachmentsExclusive("exclusive", role_name="r", policy_arns=[shell])
        aws.iam.GroupPolicyAttachment("ok-readonly", group="g", policy_arn="arn:aws:iam::aws:policy/ReadOnlyAccess")
        aws.iam.GroupPolicyAttachment("ok-own-policy-same-name", group="g",
                                      policy_arn="arn:aws:iam::123456789012:policy/AWSCloudShellFullAccess")

    graph = run_function(program)
    assert set(violations("iam_no_cloudshell_full_access", graph)) == {
        "role", "user", "group", "gov-cloud", "shared", "managed-arns", "exclusive"
    }
    assert [v.property for v in violations("iam_no_cloudshell_full_access", graph)["managed-arns"]] == [
        "managedPolicyArns[1]"
    ]
