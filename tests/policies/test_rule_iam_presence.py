"""iam_support_role_present and iam_access_analyzer_enabled: presence rules for the baseline stack."""

import json

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

SUPPORT = "arn:aws:iam::aws:policy/AWSSupportAccess"
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole",
    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]})


def test_support_role_through_any_role_attachment() -> None:
    def by_attachment() -> None:
        role = aws.iam.Role("support", assume_role_policy=TRUST)
        aws.iam.RolePolicyAttachment("support-access", role=role.name, policy_arn=SUPPORT)

    def by_managed_arns() -> None:
        aws.iam.Role("support", assume_role_policy=TRUST, managed_policy_arns=[SUPPORT])

    def by_shared_attachment() -> None:
        aws.iam.PolicyAttachment("support-access", policy_arn=SUPPORT, roles=["support"])

    def to_a_user_only() -> None:
        aws.iam.UserPolicyAttachment("support-user", user="alice", policy_arn=SUPPORT)
        aws.iam.PolicyAttachment("support-group", policy_arn=SUPPORT, groups=["ops"])

    def other_policy() -> None:
        aws.iam.Role("ops", assume_role_policy=TRUST, managed_policy_arns=["arn:aws:iam::aws:policy/ReadOnlyAccess"])

    for ok in (by_attachment, by_managed_arns, by_shared_attachment):
        assert evaluate_rule("iam_support_role_present", ok) == set(), ok.__name__
    assert evaluate_rule("iam_support_role_present", to_a_user_only) == {"<stack>"}
    assert evaluate_rule("iam_support_role_present", other_policy) == {"<stack>"}


def test_support_role_unknown_arn_is_cannot_decide_unless_another_attachment_decides() -> None:
    def only_unknown() -> None:
        aws.iam.RolePolicyAttachment("pending", role="support", policy_arn=unknown(SUPPORT))

    def unknown_and_known() -> None:
        aws.iam.RolePolicyAttachment("pending", role="support", policy_arn=unknown(SUPPORT))
        aws.iam.RolePolicyAttachment("known", role="support", policy_arn=SUPPORT)

    [only] = violations("iam_support_role_present", run_function(only_unknown))["<stack>"]
    assert only.message.startswith("cannot decide: policyArn")
    assert evaluate_rule("iam_support_role_present", unknown_and_known) == set()


def test_access_analyzer_must_analyse_external_access() -> None:
    def account() -> None:
        aws.accessanalyzer.Analyzer("external", analyzer_name="external")

    def organization() -> None:
        aws.accessanalyzer.Analyzer("org", analyzer_name="org", type="ORGANIZATION")

    def unused_only() -> None:
        aws.accessanalyzer.Analyzer("unused", analyzer_name="unused", type="ACCOUNT_UNUSED_ACCESS")

    def none() -> None:
        aws.iam.Group("ops")

    assert evaluate_rule("iam_access_analyzer_enabled", account) == set()
    assert evaluate_rule("iam_access_analyzer_enabled", organization) == set()
    assert evaluate_rule("iam_access_analyzer_enabled", unused_only) == {"<stack>"}
    assert evaluate_rule("iam_access_analyzer_enabled", none) == {"<stack>"}
    assert evaluate_rule("iam_access_analyzer_enabled", unused_only,
                         {"accepted_types": ["ACCOUNT_UNUSED_ACCESS"]}) == set()
