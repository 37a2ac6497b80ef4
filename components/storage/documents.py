"""Key policies and bucket policies (pure: plain dicts from plain values).

Each key grants the account root (IAM delegation: IAM policies decide who in the account may use
it) and exactly the AWS service principals of its purpose, each held to this account by a
condition on the source account, source ARN or encryption context.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..base import AccountContext
from .spec import KeyPurpose

VERSION = "2012-10-17"
KMS_USE = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
SSE_HEADER = "s3:x-amz-server-side-encryption"
SSE_KEY_HEADER = "s3:x-amz-server-side-encryption-aws-kms-key-id"
AUTOSCALING_ROLE = "aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
ALERT_PUBLISHERS = ("sns.amazonaws.com", "events.amazonaws.com", "cloudwatch.amazonaws.com")


def _service(sid: str, service: str, actions: list[str], condition: Mapping[str, Any]) -> dict[str, Any]:
    return {"Sid": sid, "Effect": "Allow", "Principal": {"Service": service}, "Action": actions,
            "Resource": "*", "Condition": dict(condition)}


def _administers(account: AccountContext) -> dict[str, Any]:
    return {"Sid": "AccountAdministers", "Effect": "Allow", "Principal": {"AWS": account.root_arn},
            "Action": "kms:*", "Resource": "*"}


def _logs_statements(account: AccountContext) -> list[dict[str, Any]]:
    acct, region, part = account.account_id, account.region, account.partition
    same_account = {"StringEquals": {"aws:SourceAccount": acct}}
    return [
        _service("CloudWatchLogsOfThisAccount", f"logs.{region}.amazonaws.com",
                 ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                 {"ArnLike": {"kms:EncryptionContext:aws:logs:arn":
                              f"arn:{part}:logs:{region}:{acct}:log-group:*"}}),
        _service("CloudTrailEncryptsThisAccountsTrails", "cloudtrail.amazonaws.com", ["kms:GenerateDataKey*"],
                 {"StringEquals": {"aws:SourceAccount": acct},
                  "ArnLike": {"aws:SourceArn": f"arn:{part}:cloudtrail:{region}:{acct}:trail/*",
                              "kms:EncryptionContext:aws:cloudtrail:arn": f"arn:{part}:cloudtrail:*:{acct}:trail/*"}}),
        _service("CloudTrailDescribesKey", "cloudtrail.amazonaws.com", ["kms:DescribeKey"],
                 {"StringEquals": {"aws:SourceAccount": acct},
                  "ArnLike": {"aws:SourceArn": f"arn:{part}:cloudtrail:{region}:{acct}:trail/*"}}),
        _service("ConfigDeliversSnapshots", "config.amazonaws.com", ["kms:Decrypt", "kms:GenerateDataKey"],
                 same_account),
        # S3 server access logs into the (SSE-KMS) access-log bucket are written by this principal.
        _service("S3ServerAccessLogging", "logging.s3.amazonaws.com", ["kms:GenerateDataKey"], same_account),
    ]


def _alerts_statements(account: AccountContext) -> list[dict[str, Any]]:
    return [
        _service(f"Publish{service.split('.')[0].capitalize()}", service, ["kms:Decrypt", "kms:GenerateDataKey*"],
                 {"StringEquals": {"aws:SourceAccount": account.account_id}})
        for service in ALERT_PUBLISHERS
    ]


def _data_statements(account: AccountContext) -> list[dict[str, Any]]:
    acct, region = account.account_id, account.region
    via_ec2 = {"StringEquals": {"kms:ViaService": f"ec2.{region}.amazonaws.com", "kms:CallerAccount": acct}}
    # The Auto Scaling service-linked role may not exist yet in a fresh account, and KMS rejects a
    # policy naming a missing principal; matching it by aws:PrincipalArn works before it exists.
    autoscaling = {"StringEquals": {"aws:PrincipalArn": f"arn:{account.partition}:iam::{acct}:role/{AUTOSCALING_ROLE}",
                                    "kms:CallerAccount": acct}}
    return [
        {"Sid": "EbsThroughEc2", "Effect": "Allow", "Principal": {"AWS": account.root_arn},
         "Action": [*KMS_USE, "kms:CreateGrant"], "Resource": "*", "Condition": via_ec2},
        {"Sid": "AutoScalingUsesKey", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": KMS_USE,
         "Resource": "*", "Condition": autoscaling},
        {"Sid": "AutoScalingGrantsForVolumes", "Effect": "Allow", "Principal": {"AWS": "*"},
         "Action": "kms:CreateGrant", "Resource": "*",
         "Condition": {**autoscaling, "Bool": {"kms:GrantIsForAWSResource": "true"}}},
    ]


_PURPOSE_STATEMENTS = {"logs": _logs_statements, "alerts": _alerts_statements, "data": _data_statements}


def key_policy(purpose: KeyPurpose, account: AccountContext) -> dict[str, Any]:
    """The key policy of one purpose's CMK."""
    return {"Version": VERSION, "Statement": [_administers(account), *_PURPOSE_STATEMENTS[purpose](account)]}


def bucket_policy(
    arn: str,
    kms_key_arn: str | None,
    *,
    require_encryption_header: bool = True,
    grants: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """TLS only; uploads only with this bucket's encryption (and key); then the caller's grants.

    `require_encryption_header` False lets writers that send no SSE header (S3 server access
    logging, ELB) rely on the bucket's default encryption; a header naming anything else is denied.
    """
    objects = f"{arn}/*"
    algorithm = "aws:kms" if kms_key_arn else "AES256"
    statements: list[dict[str, Any]] = [
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": [arn, objects], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        {"Sid": "DenyWrongEncryption", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
         "Resource": objects,
         "Condition": {"StringNotEquals": {SSE_HEADER: algorithm}, "Null": {SSE_HEADER: "false"}}},
    ]
    if require_encryption_header:
        statements.append(
            {"Sid": "DenyUnencryptedUploads", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
             "Resource": objects, "Condition": {"Null": {SSE_HEADER: "true"}}})
    if kms_key_arn:
        statements.append(
            {"Sid": "DenyWrongKmsKey", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
             "Resource": objects,
             "Condition": {"StringNotEquals": {SSE_KEY_HEADER: kms_key_arn}, "Null": {SSE_KEY_HEADER: "false"}}})
    return {"Version": VERSION, "Statement": [*statements, *(dict(g) for g in grants)]}
