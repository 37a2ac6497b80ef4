"""kms_key_rotation_enabled, kms_key_policy_no_public_principal, kms_key_deletion_window."""

import json

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

ROOT = "arn:aws:iam::123456789012:root"


def key_policy(principal: object, condition: dict | None = None, effect: str = "Allow") -> str:
    statement: dict = {"Effect": effect, "Principal": principal, "Action": "kms:*", "Resource": "*"}
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def test_rotation_applies_to_symmetric_keys_only() -> None:
    def program() -> None:
        aws.kms.Key("ok-rotating", enable_key_rotation=True)
        aws.kms.Key("ok-rotating-symmetric", enable_key_rotation=True, customer_master_key_spec="SYMMETRIC_DEFAULT",
                    rotation_period_in_days=180)
        aws.kms.Key("ok-signing-rsa", customer_master_key_spec="RSA_2048", key_usage="SIGN_VERIFY")
        aws.kms.Key("ok-hmac", customer_master_key_spec="HMAC_256", key_usage="GENERATE_VERIFY_MAC")
        aws.kms.Key("ok-cloudhsm", custom_key_store_id="cks-1234567890abcdef0")
        aws.kms.Key("default-off")
        aws.kms.Key("explicit-off", enable_key_rotation=False, customer_master_key_spec="SYMMETRIC_DEFAULT")

    assert evaluate_rule("kms_key_rotation_enabled", program) == {"default-off", "explicit-off"}
    assert evaluate_rule("kms_key_rotation_enabled", program, {"exemptions": ["default-*"]}) == {"explicit-off"}


def test_rotation_unknown_during_preview_is_cannot_decide() -> None:
    def program() -> None:
        aws.kms.Key("pending", enable_key_rotation=unknown(True))

    [only] = violations("kms_key_rotation_enabled", run_function(program))["pending"]
    assert only.message.startswith("cannot decide: enableKeyRotation")


def test_key_policy_no_public_principal() -> None:
    def program() -> None:
        aws.kms.Key("ok-default-policy")
        aws.kms.Key("ok-account-root", policy=key_policy({"AWS": ROOT}))
        aws.kms.Key("ok-star-caller-account", policy=key_policy(
            "*", {"StringEquals": {"kms:CallerAccount": "123456789012",
                                   "kms:ViaService": "s3.us-east-1.amazonaws.com"}}))
        aws.kms.Key("ok-star-org", policy=key_policy({"AWS": "*"}, {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}))
        aws.kms.Key("ok-deny-star", policy=key_policy("*", None, "Deny"))
        aws.kms.Key("ok-service", policy=key_policy({"Service": "logs.amazonaws.com"}))
        aws.kms.Key("star", policy=key_policy("*"))
        aws.kms.Key("aws-star-list", policy=key_policy({"AWS": [ROOT, "*"]}))
        aws.kms.Key("via-service-only", policy=key_policy(
            "*", {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}))
        aws.kms.Key("wildcard-org", policy=key_policy("*", {"StringLike": {"aws:PrincipalOrgID": "*"}}))
        aws.kms.KeyPolicy("key-policy-star", key_id="k-1", policy=key_policy("*"))
        aws.kms.ExternalKey("external-star", policy=key_policy({"AWS": "*"}))
        aws.kms.ReplicaKey("replica-star", primary_key_arn="arn:aws:kms:us-east-1:123456789012:key/x",
                           policy=key_policy("*"))

    graph = run_function(program)
    failing = {"star", "aws-star-list", "via-service-only", "wildcard-org", "key-policy-star", "external-star",
               "replica-star"}
    assert set(violations("kms_key_policy_no_public_principal", graph)) == failing
    assert set(violations("kms_key_policy_no_public_principal", graph,
                          {"restricting_keys": ["kms:ViaService"]})) == failing - {"via-service-only"} | {"ok-star-org"}


def test_deletion_window() -> None:
    def program() -> None:
        aws.kms.Key("ok-default")
        aws.kms.Key("ok-thirty", deletion_window_in_days=30)
        aws.kms.Key("seven", deletion_window_in_days=7)
        aws.kms.ExternalKey("external-ten", deletion_window_in_days=10)
        aws.kms.ReplicaKey("replica-seven", primary_key_arn="arn:aws:kms:us-east-1:123456789012:key/x",
                           deletion_window_in_days=7)

    assert evaluate_rule("kms_key_deletion_window", program) == {"seven", "external-ten", "replica-seven"}
    assert evaluate_rule("kms_key_deletion_window", program, {"min_days": 10}) == {"seven", "replica-seven"}
