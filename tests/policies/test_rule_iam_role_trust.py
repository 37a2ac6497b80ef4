"""iam_role_trust_requires_mfa: account/IAM principals need Bool aws:MultiFactorAuthPresent true."""

import json

import pulumi_aws as aws
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

ACCOUNT = "arn:aws:iam::123456789012:root"
CI = "arn:aws:iam::999988887777:role/ci-deployer"
MFA = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}


def role(name: str, principal: object, condition: dict | None = None, action: object = "sts:AssumeRole",
         *extra: dict) -> None:
    statement: dict = {"Effect": "Allow", "Principal": principal, "Action": action}
    if condition:
        statement["Condition"] = condition
    aws.iam.Role(name, assume_role_policy=json.dumps({"Version": "2012-10-17",
                                                      "Statement": [statement, *extra]}))


def declare() -> None:
    role("ok-mfa", {"AWS": ACCOUNT}, MFA)
    role("ok-mfa-bool-true", {"AWS": [ACCOUNT]}, {"Bool": {"aws:multifactorauthpresent": True}})
    role("ok-service", {"Service": "lambda.amazonaws.com"})
    role("ok-oidc", {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
         {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}},
         "sts:AssumeRoleWithWebIdentity")
    role("ok-tag-session-only", {"AWS": ACCOUNT}, None, "sts:TagSession")
    role("ok-guarded-by-deny", {"AWS": ACCOUNT}, None, "sts:AssumeRole",
         {"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole",
          "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}})
    role("account-no-mfa", {"AWS": ACCOUNT})
    role("bare-account-id", {"AWS": "123456789012"})
    role("everyone", "*")
    role("wildcard-action", {"AWS": ACCOUNT}, None, "sts:Assume*")
    role("mfa-false", {"AWS": ACCOUNT}, {"Bool": {"aws:MultiFactorAuthPresent": "false"}})
    role("bool-if-exists", {"AWS": ACCOUNT}, {"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}})
    role("mixed-service-and-user", {"Service": "ec2.amazonaws.com", "AWS": ACCOUNT})
    role("ci-with-external-id", {"AWS": CI}, {"StringEquals": {"sts:ExternalId": "deploy-7f3a"}})
    role("ci-without-external-id", {"AWS": CI})


GRAPH = run_function(declare)
FAILING = {"account-no-mfa", "bare-account-id", "everyone", "wildcard-action", "mfa-false", "bool-if-exists",
           "mixed-service-and-user", "ci-with-external-id", "ci-without-external-id"}


def test_fails_exactly_the_roles_people_can_assume_without_mfa() -> None:
    assert set(violations("iam_role_trust_requires_mfa", GRAPH)) == FAILING
    [v] = violations("iam_role_trust_requires_mfa", GRAPH)["mixed-service-and-user"]
    assert v.message == f"Statement[0] lets {ACCOUNT} assume the role without MFA"
    assert v.property == "assumeRolePolicy"


def test_trusted_external_principals_must_pin_an_external_id_by_default() -> None:
    trusted = {"trusted_external_principals": ["arn:aws:iam::999988887777:role/ci-*"]}
    assert set(violations("iam_role_trust_requires_mfa", GRAPH, trusted)) == FAILING - {"ci-with-external-id"}
    loose = {**trusted, "trusted_require_external_id": False}
    assert set(violations("iam_role_trust_requires_mfa", GRAPH, loose)) == FAILING - {
        "ci-with-external-id", "ci-without-external-id"
    }


def test_bool_if_exists_counts_only_when_accepted() -> None:
    assert set(violations("iam_role_trust_requires_mfa", GRAPH, {"accept_bool_if_exists": True})) == FAILING - {
        "bool-if-exists"
    }


def test_trust_policy_from_get_policy_document() -> None:
    def program() -> None:
        trust = aws.iam.get_policy_document(statements=[aws.iam.GetPolicyDocumentStatementArgs(
            actions=["sts:AssumeRole"],
            principals=[aws.iam.GetPolicyDocumentStatementPrincipalArgs(type="AWS", identifiers=[ACCOUNT])],
            conditions=[aws.iam.GetPolicyDocumentStatementConditionArgs(
                test="Bool", variable="aws:MultiFactorAuthPresent", values=["true"])])])
        aws.iam.Role("ok-rendered", assume_role_policy=trust.json)
        plain = aws.iam.get_policy_document(statements=[aws.iam.GetPolicyDocumentStatementArgs(
            actions=["sts:AssumeRole"],
            principals=[aws.iam.GetPolicyDocumentStatementPrincipalArgs(type="AWS", identifiers=[ACCOUNT])])])
        aws.iam.Role("rendered-no-mfa", assume_role_policy=plain.json)

    assert evaluate_rule("iam_role_trust_requires_mfa", program) == {"rendered-no-mfa"}
