"""IAM documents for exporting log groups to the archive (pure: plain dicts from plain values).

CloudWatch Logs assumes one role to put records into this environment's delivery streams only;
Firehose assumes another to write under this environment's archive prefix only, with the archive key
only through S3.
"""

from __future__ import annotations

from typing import Any

from ..base import AccountContext


def stream_arn_pattern(account: AccountContext, environment: str) -> str:
    return (f"arn:{account.partition}:firehose:{account.region}:{account.account_id}:"
            f"deliverystream/lz-{environment}-logs-*")


def logs_to_firehose_trust(account: AccountContext) -> dict[str, Any]:
    """CloudWatch Logs of this region, delivering for this account's log groups (confused-deputy guard)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": f"logs.{account.region}.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {
                    "StringEquals": {"aws:SourceAccount": account.account_id},
                    "ArnLike": {
                        "aws:SourceArn": f"arn:{account.partition}:logs:{account.region}:{account.account_id}:*"
                    },
                },
            }
        ],
    }


def logs_to_firehose_policy(account: AccountContext, environment: str) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PutIntoThisEnvironmentsStreams",
                "Effect": "Allow",
                "Action": ["firehose:PutRecord", "firehose:PutRecordBatch"],
                "Resource": stream_arn_pattern(account, environment),
            }
        ],
    }


def firehose_trust(account: AccountContext) -> dict[str, Any]:
    """Firehose acting for this account only (AWS sets sts:ExternalId to the stream's account)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "firehose.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"sts:ExternalId": account.account_id}},
            }
        ],
    }


def firehose_to_archive_policy(
    account: AccountContext, bucket_arn: str, key_arn: str, root: str
) -> dict[str, Any]:
    """Write (and clean up multipart uploads) under `root` of the archive bucket; nothing else.

    The key condition accepts the bucket ARN as well as object ARNs under `root` because with an S3
    Bucket Key the encryption context is the bucket, not the object.
    """
    objects = f"{bucket_arn}/{root}*"
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "LocateTheArchiveBucket",
                "Effect": "Allow",
                "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
                "Resource": bucket_arn,
            },
            {
                "Sid": "WriteUnderThisEnvironmentsPrefix",
                "Effect": "Allow",
                "Action": ["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload"],
                "Resource": objects,
            },
            {
                "Sid": "EncryptWithTheArchiveKeyThroughS3",
                "Effect": "Allow",
                "Action": ["kms:GenerateDataKey", "kms:Decrypt"],
                "Resource": key_arn,
                "Condition": {
                    "StringEquals": {"kms:ViaService": f"s3.{account.region}.amazonaws.com"},
                    "StringLike": {"kms:EncryptionContext:aws:s3:arn": [bucket_arn, objects]},
                },
            },
        ],
    }
