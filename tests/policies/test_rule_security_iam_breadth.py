"""iam_no_aws_managed_full_access, iam_no_service_wildcard_actions, iam_no_wildcard_resource_for_scoped_actions,
kms_iam_policy_no_decrypt_all_keys, and that the four never double-report one statement with the full-admin rule."""

import json

import pulumi_aws as aws
from fixtures import unknown
from harness import violations

from lz.mock_engine import run_function

TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
BREADTH_RULES = ("iam_no_service_wildcard_actions", "iam_no_wildcard_resource_for_scoped_actions",
                 "kms_iam_policy_no_decrypt_all_keys", "iam_no_full_admin_policy")


def doc(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(action: object, resource: object = "*", **extra: object) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def test_aws_managed_full_access_every_attachment_shape() -> None:
    def program() -> None:
        role = aws.iam.Role("role", assume_role_policy=TRUST)
        aws.iam.RolePolicyAttachment("ok-read-only", role=role.name,
                                     policy_arn="arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
        aws.iam.RolePolicyAttachment("ok-customer", role=role.name,
                                     policy_arn="arn:aws:iam::111122223333:policy/S3FullAccess")
        aws.iam.RolePolicyAttachment("ok-cloudshell-elsewhere", role=role.name,
                                     policy_arn="arn:aws:iam::aws:policy/AWSCloudShellFullAccess")
        aws.iam.RolePolicyAttachment("role-s3", role=role.name,
                                     policy_arn="arn:aws:iam::aws:policy/AmazonS3FullAccess")
        aws.iam.UserPolicyAttachment("user-iam", user="u", policy_arn="arn:aws:iam::aws:policy/IAMFullAccess")
        aws.iam.GroupPolicyAttachment("group-ddb", group="g",
                                      policy_arn="arn:aws-us-gov:iam::aws:policy/AmazonDynamoDBFullAccess")
        aws.iam.PolicyAttachment("policy-attachment", roles=["r"],
                                 policy_arn="arn:aws:iam::aws:policy/AmazonSQSFullAccess")
        aws.iam.Role("managed-list", assume_role_policy=TRUST, managed_policy_arns=[
            "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/service-role/AWSLambdaRole",
            "arn:aws:iam::aws:policy/AmazonEC2FullAccess"])
        aws.iam.RolePolicyAttachmentsExclusive("exclusive", role_name="r", policy_arns=[
            "arn:aws:iam::aws:policy/AmazonSNSFullAccess"])

    graph = run_function(program)
    found = violations("iam_no_aws_managed_full_access", graph)
    assert set(found) == {"role-s3", "user-iam", "group-ddb", "policy-attachment", "managed-list", "exclusive"}
    [v] = found["managed-list"]
    assert v.property == "managedPolicyArns[2]"
    assert "AmazonEC2FullAccess" in v.message
    assert set(violations("iam_no_aws_managed_full_access", graph, {
        "allowed_policies": ["AmazonS3FullAccess", "AmazonSQSFullAccess"]})) == {
        "user-iam", "group-ddb", "managed-list", "exclusive"}


def test_service_wildcard_actions() -> None:
    def program() -> None:
        aws.iam.Policy("ok-prefix", policy=doc(allow("ec2:Describe*")))
        aws.iam.Policy("ok-deny", policy=doc({"Effect": "Deny", "Action": "s3:*", "Resource": "*"}))
        aws.iam.Policy("ok-admin-elsewhere", policy=doc(allow("*")))
        aws.iam.Policy("s3-star", policy=doc(allow(["s3:GetObject", "s3:*"], "arn:aws:s3:::b/*")))
        aws.iam.Policy("not-action", policy=doc({"Effect": "Allow", "NotAction": "iam:*",
                                                  "Resource": "arn:aws:s3:::b"}))
        aws.iam.RolePolicy("inline", role="r", policy=doc(allow("dynamodb:*", "arn:aws:dynamodb:*:*:table/t")))
        aws.iam.Role("role-inline", assume_role_policy=TRUST, inline_policies=[
            aws.iam.RoleInlinePolicyArgs(name="p", policy=doc(allow("sqs:*")))])
        rendered = aws.iam.get_policy_document(statements=[
            aws.iam.GetPolicyDocumentStatementArgs(actions=["lambda:*"], resources=["*"])])
        aws.iam.Policy("rendered", policy=rendered.json)

    graph = run_function(program)
    found = violations("iam_no_service_wildcard_actions", graph)
    assert set(found) == {"s3-star", "not-action", "inline", "role-inline", "rendered"}
    [v] = found["s3-star"]
    assert v.property == "policy" and v.message == "Statement[0] allows every action of a service: s3:*"
    assert found["role-inline"][0].property == "inlinePolicies[0].policy"
    assert set(violations("iam_no_service_wildcard_actions", graph, {"include_inline": False})) == {
        "s3-star", "not-action", "rendered"}
    assert "inline" not in violations("iam_no_service_wildcard_actions", graph, {"allowed_services": ["dynamodb"]})


def test_service_wildcard_skips_permission_boundaries_and_decides_unknowns() -> None:
    def program() -> None:
        boundary = aws.iam.Policy("ok-boundary", policy=doc(allow("s3:*")))
        aws.iam.Role("capped", assume_role_policy=TRUST, permissions_boundary=boundary.arn)
        aws.iam.Policy("pending", policy=unknown(doc(allow("s3:*"))))

    found = violations("iam_no_service_wildcard_actions", run_function(program))
    assert set(found) == {"pending"}
    assert found["pending"][0].message.startswith("cannot decide")


def test_wildcard_resource_for_scoped_actions() -> None:
    def program() -> None:
        aws.iam.Policy("ok-scoped", policy=doc(allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::b/*")))
        aws.iam.Policy("ok-list-star", policy=doc(allow(["s3:ListAllMyBuckets", "ec2:Describe*"])))
        aws.iam.Policy("ok-abac", policy=doc(allow("dynamodb:GetItem", Condition={
            "StringEquals": {"aws:ResourceTag/team": "a"}})))
        aws.iam.Policy("ok-service-star-elsewhere", policy=doc(allow("s3:*")))
        aws.iam.Policy("get-object", policy=doc(allow("s3:GetObject")))
        aws.iam.Policy("prefix", policy=doc(allow(["sqs:Send*", "sns:Publish"], ["*"])))
        aws.iam.UserPolicy("user-inline", user="u", policy=doc(allow("secretsmanager:GetSecretValue")))
        aws.iam.GroupPolicy("group-inline", group="g", policy=doc(allow("lambda:InvokeFunction")))

    graph = run_function(program)
    found = violations("iam_no_wildcard_resource_for_scoped_actions", graph)
    assert set(found) == {"get-object", "prefix", "user-inline", "group-inline"}
    assert found["prefix"][0].message == (
        'Statement[0] allows sqs:SendMessage, sns:Publish on Resource "*"; these actions can be scoped to '
        "resource ARNs")
    assert set(violations("iam_no_wildcard_resource_for_scoped_actions", graph,
                          {"scoped_actions": ["lambda:InvokeFunction"]})) == {"group-inline"}


def test_kms_decrypt_on_all_keys() -> None:
    def program() -> None:
        aws.iam.Policy("ok-one-key", policy=doc(allow(["kms:Decrypt", "kms:GenerateDataKey"], KEY)))
        aws.iam.Policy("ok-encrypt-only", policy=doc(allow("kms:Encrypt")))
        aws.iam.Policy("ok-admin-elsewhere", policy=doc(allow("*")))
        aws.iam.Policy("decrypt-star", policy=doc(allow("kms:Decrypt")))
        aws.iam.Policy("kms-star-all-keys", policy=doc(allow("kms:*", "arn:aws:kms:*:*:key/*")))
        aws.iam.RolePolicy("inline-reencrypt", role="r", policy=doc(allow("kms:ReEncrypt*")))
        aws.iam.Policy("not-action", policy=doc({"Effect": "Allow", "NotAction": "kms:Encrypt",
                                                  "Resource": "arn:aws:kms:*:*:key/*"}))

    graph = run_function(program)
    found = violations("kms_iam_policy_no_decrypt_all_keys", graph)
    assert set(found) == {"decrypt-star", "kms-star-all-keys", "inline-reencrypt", "not-action"}
    assert found["decrypt-star"][0].message == "Statement[0] allows kms:Decrypt on every KMS key (['*'])"
    assert "kms:ReEncryptFrom" in found["inline-reencrypt"][0].message


def test_one_statement_one_finding_across_the_breadth_rules() -> None:
    def program() -> None:
        aws.iam.Policy("admin", policy=doc(allow("*")))
        aws.iam.Policy("s3-star", policy=doc(allow("s3:*")))
        aws.iam.Policy("get-object", policy=doc(allow("s3:GetObject")))
        aws.iam.Policy("decrypt", policy=doc(allow("kms:Decrypt")))

    graph = run_function(program)
    reported = {rule: set(violations(rule, graph)) for rule in BREADTH_RULES}
    assert reported == {
        "iam_no_full_admin_policy": {"admin"},
        "iam_no_service_wildcard_actions": {"s3-star"},
        "iam_no_wildcard_resource_for_scoped_actions": {"get-object"},
        "kms_iam_policy_no_decrypt_all_keys": {"decrypt"},
    }
