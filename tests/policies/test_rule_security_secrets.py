"""secretsmanager_rotation_enabled, secretsmanager_secret_cmk_encrypted, secretsmanager_recovery_window,
secretsmanager_policy_no_public_principal."""

import json

import pulumi_aws as aws
from fixtures import unknown
from harness import violations

from lz.mock_engine import run_function

LAMBDA = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def rotation(name: str, secret: aws.secretsmanager.Secret, **rules: object) -> None:
    aws.secretsmanager.SecretRotation(name, secret_id=secret.id, rotation_lambda_arn=LAMBDA,
                                      rotation_rules=aws.secretsmanager.SecretRotationRotationRulesArgs(**rules))


def test_rotation_exists_and_is_frequent_enough() -> None:
    def program() -> None:
        rotation("r1", aws.secretsmanager.Secret("ok-30-days"), automatically_after_days=30)
        rotation("r2", aws.secretsmanager.Secret("ok-rate-hours"), schedule_expression="rate(4 hours)")
        rotation("r3", aws.secretsmanager.Secret("ok-cron-monthly"), schedule_expression="cron(0 16 1 * ? *)")
        aws.secretsmanager.Secret("none")
        rotation("r4", aws.secretsmanager.Secret("yearly"), automatically_after_days=365)
        rotation("r5", aws.secretsmanager.Secret("rate-120"), schedule_expression="rate(120 days)")
        rotation("r6", aws.secretsmanager.Secret("cron-january"), schedule_expression="cron(0 0 1 1 ? *)")
        off = aws.secretsmanager.Secret("disabled")
        aws.secretsmanager.SecretRotation("r7", secret_id=off.id, rotation_lambda_arn=LAMBDA, rotation_enabled=False,
                                          rotation_rules=aws.secretsmanager.SecretRotationRotationRulesArgs(
                                              automatically_after_days=30))

    graph = run_function(program)
    found = violations("secretsmanager_rotation_enabled", graph)
    assert set(found) == {"none", "yearly", "rate-120", "cron-january", "disabled"}
    assert "no SecretRotation names it" in found["none"][0].message
    assert "automatically_after_days is 365; at most every 90 days" in found["yearly"][0].message
    assert "rotation_enabled=False" in found["disabled"][0].message
    assert set(violations("secretsmanager_rotation_enabled", graph, {"max_rotation_days": 365})) == {
        "none", "disabled", "cron-january"}


def test_rotation_unknown_schedule_is_cannot_decide() -> None:
    def program() -> None:
        rotation("r", aws.secretsmanager.Secret("pending"), automatically_after_days=unknown(30))

    [v] = violations("secretsmanager_rotation_enabled", run_function(program))["pending"]
    assert v.message.startswith("cannot decide")


def test_secret_cmk_encrypted() -> None:
    def program() -> None:
        aws.secretsmanager.Secret("ok-cmk", kms_key_id=KEY)
        aws.secretsmanager.Secret("default")
        aws.secretsmanager.Secret("aws-alias", kms_key_id="alias/aws/secretsmanager")

    found = violations("secretsmanager_secret_cmk_encrypted", run_function(program))
    assert set(found) == {"default", "aws-alias"}
    assert found["default"][0].property == "kmsKeyId"
    assert "aws/secretsmanager" in found["default"][0].message
    assert "'alias/aws/secretsmanager'" in found["aws-alias"][0].message


def test_recovery_window() -> None:
    def program() -> None:
        aws.secretsmanager.Secret("ok-default")
        aws.secretsmanager.Secret("ok-7", recovery_window_in_days=7)
        aws.secretsmanager.Secret("force-delete", recovery_window_in_days=0)

    graph = run_function(program)
    found = violations("secretsmanager_recovery_window", graph)
    assert set(found) == {"force-delete"}
    assert "deleted at once" in found["force-delete"][0].message
    assert set(violations("secretsmanager_recovery_window", graph, {"min_days": 30})) == {"force-delete", "ok-7"}


def test_secret_policy_no_public_principal() -> None:
    def doc(*statements: dict) -> str:
        return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})

    public = {"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}

    def program() -> None:
        aws.secretsmanager.Secret("ok-no-policy")
        aws.secretsmanager.Secret("ok-org", policy=doc({**public, "Condition": {
            "StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}))
        aws.secretsmanager.Secret("inline-public", policy=doc(public))
        secret = aws.secretsmanager.Secret("holder")
        aws.secretsmanager.SecretPolicy("ok-named", secret_arn=secret.arn, policy=doc(
            {**public, "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}}))
        aws.secretsmanager.SecretPolicy("policy-public", secret_arn=secret.arn, policy=doc(
            {**public, "Principal": {"AWS": "*"}}))

    found = violations("secretsmanager_policy_no_public_principal", run_function(program))
    assert set(found) == {"inline-public", "policy-public"}
    assert found["policy-public"][0].message.startswith(
        "Statement[0] allows any principal (\"*\") secretsmanager:GetSecretValue")
