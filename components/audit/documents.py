"""Bucket grants, trust and permission policies of the audit domain (pure: plain dicts)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..base import AccountContext
from .plan import account_logs_prefix, log_group_arn

VERSION = "2012-10-17"
OWNER_FULL_CONTROL = {"s3:x-amz-acl": "bucket-owner-full-control"}
ELB_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com"
#: Regions older than August 2022 deliver ALB logs from a regional ELB account, not the service principal.
ELB_ACCOUNTS = {
    "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980",
    "us-west-2": "797873946194", "af-south-1": "098369216593", "ca-central-1": "985666609251",
    "eu-central-1": "054676820928", "eu-west-1": "156460612806", "eu-west-2": "652711504416",
    "eu-south-1": "635631232127", "eu-west-3": "009996457667", "eu-north-1": "897822967062",
    "ap-east-1": "754344448648", "ap-northeast-1": "582318560864", "ap-northeast-2": "600734575887",
    "ap-northeast-3": "383597477331", "ap-southeast-1": "114774131450", "ap-southeast-2": "783225319266",
    "ap-southeast-3": "589379963580", "ap-south-1": "718504428378", "me-south-1": "076674570225",
    "sa-east-1": "507241528517", "us-gov-west-1": "048591011584", "us-gov-east-1": "190560391635",
}


def _allow(sid: str, service: str, action: str | list[str], resource: str, condition: dict[str, Any]
           ) -> dict[str, Any]:
    return {"Sid": sid, "Effect": "Allow", "Principal": {"Service": service}, "Action": action,
            "Resource": resource, "Condition": condition}


def log_archive_grants(account: AccountContext, bucket_arn: str, trail_arn: str) -> list[dict[str, Any]]:
    """CloudTrail (this trail only) and AWS Config (this account only) may deliver, nothing else."""
    acct = {"aws:SourceAccount": account.account_id}
    return [
        _allow("CloudTrailAclCheck", "cloudtrail.amazonaws.com", "s3:GetBucketAcl", bucket_arn,
               {"StringEquals": {"aws:SourceArn": trail_arn}}),
        _allow("CloudTrailWrite", "cloudtrail.amazonaws.com", "s3:PutObject",
               account_logs_prefix(bucket_arn, account),
               {"StringEquals": {"aws:SourceArn": trail_arn, **OWNER_FULL_CONTROL}}),
        _allow("ConfigAclCheck", "config.amazonaws.com", ["s3:GetBucketAcl", "s3:ListBucket"], bucket_arn,
               {"StringEquals": acct}),
        _allow("ConfigWrite", "config.amazonaws.com", "s3:PutObject",
               account_logs_prefix(bucket_arn, account, "Config"),
               {"StringEquals": {**acct, **OWNER_FULL_CONTROL}}),
    ]


def access_log_grants(account: AccountContext, bucket_arn: str, sources: Sequence[str]) -> list[dict[str, Any]]:
    """S3 server access logging may write, only for the named source buckets of this account."""
    return [_allow("S3ServerAccessLogs", "logging.s3.amazonaws.com", "s3:PutObject", f"{bucket_arn}/*",
                   {"ArnLike": {"aws:SourceArn": list(sources)},
                    "StringEquals": {"aws:SourceAccount": account.account_id}})]


def elb_log_grants(account: AccountContext, bucket_arn: str) -> list[dict[str, Any]]:
    """ALB access logs of this account's load balancers (ALB logs support only SSE-S3 buckets)."""
    target = account_logs_prefix(bucket_arn, account)
    grants = [_allow("ElbLogDelivery", ELB_SERVICE, "s3:PutObject", target,
                     {"StringEquals": {"aws:SourceAccount": account.account_id}})]
    legacy = ELB_ACCOUNTS.get(account.region)
    if legacy:
        grants.append({"Sid": "ElbRegionalAccountDelivery", "Effect": "Allow",
                       "Principal": {"AWS": f"arn:{account.partition}:iam::{legacy}:root"},
                       "Action": "s3:PutObject", "Resource": target})
    return grants


def trail_delivery_trust(account: AccountContext, trail_arn: str) -> dict[str, Any]:
    return {"Version": VERSION, "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"aws:SourceAccount": account.account_id, "aws:SourceArn": trail_arn}}}]}


def trail_delivery_policy(account: AccountContext, log_group_name: str) -> dict[str, Any]:
    """Create streams and put events in the trail's log group only."""
    arn = log_group_arn(account, log_group_name)
    return {"Version": VERSION, "Statement": [{
        "Sid": "DeliverToTrailLogGroup", "Effect": "Allow",
        "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": f"{arn}:log-stream:*"}]}


def config_trust(account: AccountContext) -> dict[str, Any]:
    return {"Version": VERSION, "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"aws:SourceAccount": account.account_id}}}]}


def config_delivery_policy(account: AccountContext, bucket_arn: str, key_arn: str) -> dict[str, Any]:
    """The recorder's role writes snapshots to its prefix of the log archive with the logs key."""
    return {"Version": VERSION, "Statement": [
        {"Sid": "CheckBucket", "Effect": "Allow", "Action": "s3:GetBucketAcl", "Resource": bucket_arn},
        {"Sid": "WriteSnapshots", "Effect": "Allow", "Action": "s3:PutObject",
         "Resource": account_logs_prefix(bucket_arn, account, "Config"),
         "Condition": {"StringEquals": OWNER_FULL_CONTROL}},
        {"Sid": "EncryptSnapshots", "Effect": "Allow", "Action": ["kms:GenerateDataKey", "kms:Decrypt"],
         "Resource": key_arn},
    ]}
