"""iam_no_full_admin_policy, iam_no_user_attached_policies, iam_no_cloudshell_full_access."""

import json

import pulumi
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


# A permissions boundary: Allow "*" on "*", then Deny what it forbids. It grants nothing by itself.
BOUNDARY = doc(ADMIN, {"Effect": "Deny", "Action": ["iam:DeletePermissionsBoundary", "cloudtrail:StopLogging"],
                       "Resource": "*"})


def pending(output: pulumi.Output[str]) -> pulumi.Output[str]:
    """``output``'s value, unknown during preview, with the engine's dependency on its resource kept."""
    return pulumi.Output.all(output, unknown("x")).apply(lambda values: values[0])


def test_full_admin_excludes_a_policy_used_only_as_a_permissions_boundary() -> None:
    def program() -> None:
        role_boundary = aws.iam.Policy("ok-role-boundary", path="/landing-zone/", policy=BOUNDARY)
        aws.iam.Role("ok-capped-role", assume_role_policy=TRUST, permissions_boundary=role_boundary.arn)
        aws.iam.Role("ok-also-capped", assume_role_policy=TRUST, permissions_boundary=role_boundary.arn)
        user_boundary = aws.iam.Policy("ok-user-boundary", policy=BOUNDARY)
        aws.iam.User("ok-capped-user", permissions_boundary=user_boundary.arn)
        aws.iam.Policy("ok-named-by-literal-arn", name="lit", policy=BOUNDARY)
        aws.iam.User("ok-literal-user",
                     permissions_boundary="arn:aws:iam::123456789012:policy/lit")  # the mock's account
        also_attached = aws.iam.Policy("boundary-also-attached", policy=BOUNDARY)
        capped = aws.iam.Role("ok-attached-to", assume_role_policy=TRUST, permissions_boundary=also_attached.arn)
        aws.iam.RolePolicyAttachment("ok-attachment", role=capped.name, policy_arn=also_attached.arn)
        in_managed_arns = aws.iam.Policy("boundary-in-managed-arns", policy=BOUNDARY)
        aws.iam.User("ok-user-capped-by-it", permissions_boundary=in_managed_arns.arn)
        aws.iam.Role("ok-role-attaching-it", assume_role_policy=TRUST, managed_policy_arns=[in_managed_arns.arn])
        group_attached = aws.iam.Policy("boundary-attached-to-group", policy=BOUNDARY)
        aws.iam.User("ok-user-capped-by-group-policy", permissions_boundary=group_attached.arn)
        aws.iam.GroupPolicyAttachment("ok-group-attachment", group="ops", policy_arn=group_attached.arn)
        aws.iam.Policy("unreferenced-admin", policy=BOUNDARY)
        aws.iam.Policy("ok-read", policy=doc({"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}))
        aws.iam.Policy("boundary-of-other-account-only", name="other", policy=BOUNDARY)
        aws.iam.User("ok-other-account-user", permissions_boundary="arn:aws:iam::999999999999:policy/other")
        aws.iam.Role("role-inline-admin-with-boundary", assume_role_policy=TRUST,
                     permissions_boundary=role_boundary.arn,
                     inline_policies=[aws.iam.RoleInlinePolicyArgs(name="admin", policy=BOUNDARY)])
        aws.iam.RolePolicy("role-policy-admin", role=capped.name, policy=BOUNDARY)

    graph = run_function(program)
    found = violations("iam_no_full_admin_policy", graph)
    assert set(found) == {
        "boundary-also-attached", "boundary-in-managed-arns", "boundary-attached-to-group", "unreferenced-admin",
        "boundary-of-other-account-only", "role-inline-admin-with-boundary", "role-policy-admin",
    }
    [v] = found["boundary-also-attached"]
    assert (v.message, v.property) == ("Statement[0] allows every action on every resource (full admin)", "policy")
    assert v.urn is not None and v.urn.endswith("::boundary-also-attached")
    assert found["role-inline-admin-with-boundary"][0].property == "inlinePolicies[0].policy"

    switched_off = violations("iam_no_full_admin_policy", graph, {"exclude_permission_boundaries": False})
    assert set(switched_off) == set(found) | {"ok-role-boundary", "ok-user-boundary", "ok-named-by-literal-arn"}
    assert set(violations("iam_no_full_admin_policy", graph, {"exemptions": ["boundary-*", "role-*"]})) == {
        "unreferenced-admin"
    }


def test_landing_zone_style_boundary_is_not_full_admin_but_attaching_it_is() -> None:
    def program(attach: bool) -> None:
        boundary = aws.iam.Policy("dev-identity-permissions-boundary", name="lz-dev-permissions-boundary",
                                  path="/landing-zone/", policy=BOUNDARY)
        role = aws.iam.Role("admin-role", path="/landing-zone/", assume_role_policy=TRUST,
                            permissions_boundary=boundary.arn)
        aws.iam.RolePolicyAttachment("admin-role-access", role=role.name,
                                     policy_arn="arn:aws:iam::aws:policy/AdministratorAccess")
        if attach:
            aws.iam.PolicyAttachment("shared", policy_arn=boundary.arn, roles=[role.name])

    assert evaluate_rule("iam_no_full_admin_policy", lambda: program(False)) == set()
    assert evaluate_rule("iam_no_full_admin_policy", lambda: program(True)) == {"dev-identity-permissions-boundary"}


def test_preview_unknown_boundary_is_joined_by_the_dependency_record() -> None:
    def program() -> None:
        boundary = aws.iam.Policy("ok-pending-boundary", policy=BOUNDARY)
        aws.iam.Role("ok-role", assume_role_policy=TRUST, permissions_boundary=pending(boundary.arn))
        aws.iam.Policy("not-depended-on", policy=BOUNDARY)
        aws.iam.User("ok-user", permissions_boundary=unknown("arn:aws:iam::123456789012:policy/x"))
        attached = aws.iam.Policy("pending-attachment", policy=BOUNDARY)
        aws.iam.User("ok-capped", permissions_boundary=attached.arn)
        aws.iam.UserPolicyAttachment("ok-attach", user="u", policy_arn=pending(attached.arn))
        in_list = aws.iam.Policy("pending-managed-arn", policy=BOUNDARY)
        aws.iam.User("ok-capped-too", permissions_boundary=in_list.arn)
        aws.iam.Role("ok-list", assume_role_policy=TRUST,
                     managed_policy_arns=["arn:aws:iam::aws:policy/ReadOnlyAccess", pending(in_list.arn)])

    graph = run_function(program)
    assert set(violations("iam_no_full_admin_policy", graph)) == {
        "not-depended-on", "pending-attachment", "pending-managed-arn",
    }
    assert set(violations("iam_no_full_admin_policy", graph, {"exclude_permission_boundaries": False})) == {
        "ok-pending-boundary", "not-depended-on", "pending-attachment", "pending-managed-arn",
    }


def test_unknown_document_is_cannot_decide_for_that_policy_alone() -> None:
    def program() -> None:
        aws.iam.Policy("pending", policy=unknown(doc(ADMIN)))
        aws.iam.Policy("admin", policy=doc(ADMIN))
        boundary = aws.iam.Policy("ok-pending-boundary-document", policy=unknown(BOUNDARY))
        aws.iam.Role("ok-capped", assume_role_policy=TRUST, permissions_boundary=boundary.arn)

    found = violations("iam_no_full_admin_policy", run_function(program))
    assert set(found) == {"pending", "admin"}
    [only] = found["pending"]
    assert (only.message, only.property) == ("cannot decide: policy is not known until apply", "policy")


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
