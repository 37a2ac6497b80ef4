"""log_group_encrypted, log_group_retention and sns_topic_encrypted."""

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

LOGS_KEY = "arn:aws:kms:us-east-1:123456789012:key/logs"


def declare_groups() -> None:
    aws.cloudwatch.LogGroup("ok-encrypted-400", kms_key_id=LOGS_KEY, retention_in_days=400)
    aws.cloudwatch.LogGroup("encrypted-never-expires", kms_key_id=LOGS_KEY)
    aws.cloudwatch.LogGroup("plain-30", retention_in_days=30)
    aws.cloudwatch.LogGroup("plain-365", retention_in_days=365)
    aws.cloudwatch.LogGroup("plain-zero", retention_in_days=0)


GROUPS = run_function(declare_groups)


def test_log_group_encrypted() -> None:
    assert set(violations("log_group_encrypted", GROUPS)) == {"plain-30", "plain-365", "plain-zero"}
    assert set(violations("log_group_encrypted", GROUPS, {"exemptions": ["plain-*"]})) == set()


def test_retention_fails_only_groups_that_expire_events_too_early() -> None:
    found = violations("log_group_retention", GROUPS)
    assert set(found) == {"plain-30"}
    assert found["plain-30"][0].message == "log group keeps events 30 days, less than 365"


def test_retention_minimum_and_never_expire_are_configurable() -> None:
    assert set(violations("log_group_retention", GROUPS, {"min_retention_days": 400})) == {"plain-30", "plain-365"}
    assert set(violations("log_group_retention", GROUPS, {"allow_never_expire": False})) == {
        "plain-30", "encrypted-never-expires", "plain-zero"
    }


def test_unknown_retention_during_preview_is_cannot_decide() -> None:
    def program() -> None:
        aws.cloudwatch.LogGroup("pending", retention_in_days=unknown(7))

    [only] = violations("log_group_retention", run_function(program))["pending"]
    assert only.message.startswith("cannot decide: retentionInDays")


def test_sns_topic_encrypted() -> None:
    def program() -> None:
        aws.sns.Topic("ok-cmk", kms_master_key_id=LOGS_KEY)
        aws.sns.Topic("aws-managed", kms_master_key_id="alias/aws/sns")
        aws.sns.Topic("plain")

    assert evaluate_rule("sns_topic_encrypted", program) == {"plain"}
    assert evaluate_rule("sns_topic_encrypted", program, {"require_customer_managed_key": True}) == {
        "plain", "aws-managed"
    }
