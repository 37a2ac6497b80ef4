"""iam_password_min_length, iam_password_reuse_prevention, iam_password_complexity, iam_password_policy_present."""

from typing import Any

import pulumi_aws as aws
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

STRONG: dict[str, Any] = {
    "minimum_password_length": 14, "password_reuse_prevention": 24, "max_password_age": 90,
    "require_uppercase_characters": True, "require_lowercase_characters": True,
    "require_numbers": True, "require_symbols": True,
}


def policy(name: str, **overrides: Any) -> None:
    args: dict[str, Any] = {**STRONG, **overrides}
    aws.iam.AccountPasswordPolicy(name, **args)


def declare() -> None:
    policy("ok-cis")
    policy("ok-longer", minimum_password_length=32, max_password_age=30)
    policy("short", minimum_password_length=8)
    policy("reuse-5", password_reuse_prevention=5)
    policy("no-symbols", require_symbols=False)
    policy("ages-year", max_password_age=365)
    aws.iam.AccountPasswordPolicy("aws-defaults")


GRAPH = run_function(declare)


def test_min_length() -> None:
    assert set(violations("iam_password_min_length", GRAPH)) == {"short", "aws-defaults"}
    assert set(violations("iam_password_min_length", GRAPH, {"min_length": 8})) == {"aws-defaults"}
    assert set(violations("iam_password_min_length", GRAPH, {"min_length": 20})) == set(
        violations("iam_password_min_length", GRAPH)) | {"ok-cis", "reuse-5", "no-symbols", "ages-year"}
    [v] = violations("iam_password_min_length", GRAPH)["short"]
    assert (v.message, v.property) == ("minimum password length is 8, below 14", "minimumPasswordLength")


def test_reuse_prevention() -> None:
    assert set(violations("iam_password_reuse_prevention", GRAPH)) == {"reuse-5", "aws-defaults"}
    assert set(violations("iam_password_reuse_prevention", GRAPH, {"min_remembered": 5})) == {"aws-defaults"}


def test_complexity_and_expiry() -> None:
    assert set(violations("iam_password_complexity", GRAPH)) == {"no-symbols", "ages-year", "aws-defaults"}
    assert set(violations("iam_password_complexity", GRAPH, {"max_password_age": 0})) == {
        "no-symbols", "aws-defaults"
    }
    assert sorted(v.property or "" for v in violations("iam_password_complexity", GRAPH)["aws-defaults"]) == [
        "maxPasswordAge", "requireLowercaseCharacters", "requireNumbers", "requireSymbols",
        "requireUppercaseCharacters",
    ]


def test_password_policy_present_is_a_stack_presence_rule() -> None:
    def with_policy() -> None:
        policy("baseline")

    def without() -> None:
        aws.iam.Group("ops")

    assert evaluate_rule("iam_password_policy_present", with_policy) == set()
    assert evaluate_rule("iam_password_policy_present", without) == {"<stack>"}
