"""Key and bucket policy builders: who may use each key, and what every bucket policy denies."""

from __future__ import annotations

from typing import Any

import pytest

from components.base import AccountContext
from components.storage.documents import bucket_policy, key_policy
from components.storage.plan import bucket_name

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
KEY = "arn:aws:kms:eu-west-1:123456789012:key/abc"
ARN = "arn:aws:s3:::lz-dev-log-archive-123456789012-eu-west-1"


def principals(policy: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for s in policy["Statement"]:
        for kind, value in s["Principal"].items():
            out |= {f"{kind}:{v}" for v in ([value] if isinstance(value, str) else value)}
    return out


def statement(policy: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for s in policy["Statement"] if s.get("Sid") == sid)


@pytest.mark.parametrize(("purpose", "expected"), [
    ("logs", {"Service:logs.eu-west-1.amazonaws.com", "Service:cloudtrail.amazonaws.com",
              "Service:config.amazonaws.com", "Service:logging.s3.amazonaws.com"}),
    ("alerts", {"Service:sns.amazonaws.com", "Service:events.amazonaws.com", "Service:cloudwatch.amazonaws.com"}),
    ("data", {"AWS:*"}),
])
def test_each_key_grants_the_root_and_exactly_its_purposes_services(purpose: str, expected: set[str]) -> None:
    policy = key_policy(purpose, ACCOUNT)  # type: ignore[arg-type]
    assert principals(policy) == {"AWS:arn:aws:iam::123456789012:root", *expected}
    assert statement(policy, "AccountAdministers")["Action"] == "kms:*"
    assert all(s["Effect"] == "Allow" for s in policy["Statement"])


def test_every_service_grant_is_held_to_this_account() -> None:
    for purpose in ("logs", "alerts", "data"):
        for s in key_policy(purpose, ACCOUNT)["Statement"][1:]:  # type: ignore[arg-type]
            assert "123456789012" in str(s["Condition"]), (purpose, s["Sid"])


def test_logs_key_conditions() -> None:
    policy = key_policy("logs", ACCOUNT)
    logs = statement(policy, "CloudWatchLogsOfThisAccount")["Condition"]
    assert logs == {"ArnLike": {"kms:EncryptionContext:aws:logs:arn":
                                "arn:aws:logs:eu-west-1:123456789012:log-group:*"}}
    trail = statement(policy, "CloudTrailEncryptsThisAccountsTrails")
    assert trail["Action"] == ["kms:GenerateDataKey*"]
    assert trail["Condition"]["ArnLike"] == {
        "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:123456789012:trail/*",
        "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:123456789012:trail/*",
    }
    assert statement(policy, "ConfigDeliversSnapshots")["Condition"] == {
        "StringEquals": {"aws:SourceAccount": "123456789012"}}


def test_data_key_serves_ebs_through_ec2_and_the_autoscaling_role_only() -> None:
    policy = key_policy("data", ACCOUNT)
    ebs = statement(policy, "EbsThroughEc2")
    assert ebs["Condition"]["StringEquals"]["kms:ViaService"] == "ec2.eu-west-1.amazonaws.com"
    for sid in ("AutoScalingUsesKey", "AutoScalingGrantsForVolumes"):
        cond = statement(policy, sid)["Condition"]
        assert cond["StringEquals"]["aws:PrincipalArn"] == (
            "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")
    assert statement(policy, "AutoScalingGrantsForVolumes")["Condition"]["Bool"] == {
        "kms:GrantIsForAWSResource": "true"}


def test_bucket_policy_denies_plain_http_foreign_encryption_and_foreign_keys() -> None:
    policy = bucket_policy(ARN, KEY)
    sids = [s["Sid"] for s in policy["Statement"]]
    assert sids == ["DenyInsecureTransport", "DenyWrongEncryption", "DenyUnencryptedUploads", "DenyWrongKmsKey"]
    assert statement(policy, "DenyInsecureTransport")["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert statement(policy, "DenyInsecureTransport")["Resource"] == [ARN, f"{ARN}/*"]
    wrong_key = statement(policy, "DenyWrongKmsKey")["Condition"]
    assert wrong_key["StringNotEquals"] == {"s3:x-amz-server-side-encryption-aws-kms-key-id": KEY}
    assert statement(policy, "DenyWrongEncryption")["Condition"]["StringNotEquals"] == {
        "s3:x-amz-server-side-encryption": "aws:kms"}
    assert all(s["Effect"] == "Deny" and s["Principal"] == "*" for s in policy["Statement"])


def test_header_free_writers_and_sse_s3_buckets() -> None:
    grant = {"Sid": "Extra", "Effect": "Allow", "Principal": {"Service": "x.amazonaws.com"},
             "Action": "s3:PutObject", "Resource": f"{ARN}/*"}
    policy = bucket_policy(ARN, None, require_encryption_header=False, grants=[grant])
    assert [s["Sid"] for s in policy["Statement"]] == ["DenyInsecureTransport", "DenyWrongEncryption", "Extra"]
    assert statement(policy, "DenyWrongEncryption")["Condition"]["StringNotEquals"] == {
        "s3:x-amz-server-side-encryption": "AES256"}


def test_bucket_names_are_stable_and_valid() -> None:
    assert bucket_name("dev", "log-archive", ACCOUNT) == "lz-dev-log-archive-123456789012-eu-west-1"
    long = AccountContext("123456789012", "ap-southeast-3")
    assert len(bucket_name("abcdefghijkl", "access-logs", long)) <= 63
    with pytest.raises(ValueError, match="not a valid S3 bucket name"):
        bucket_name("Dev", "log-archive", ACCOUNT)
