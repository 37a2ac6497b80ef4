"""Key policy and IAM documents for VPC flow logs (pure: plain dicts from plain values)."""

from __future__ import annotations

from typing import Any

from ..base import AccountContext

KMS_DATA_ACTIONS = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]


def log_group_arn(account: AccountContext, name: str) -> str:
    return f"arn:{account.partition}:logs:{account.region}:{account.account_id}:log-group:{name}"


def log_key_policy(account: AccountContext, log_group_names: list[str]) -> dict[str, Any]:
    """The account administers the key; CloudWatch Logs may use it only for the named log groups."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AccountAdministers",
                "Effect": "Allow",
                "Principal": {"AWS": account.root_arn},
                "Action": "kms:*",
                "Resource": "*",
            },
            {
                "Sid": "LogsEncryptNamedGroups",
                "Effect": "Allow",
                "Principal": {"Service": f"logs.{account.region}.amazonaws.com"},
                "Action": KMS_DATA_ACTIONS,
                "Resource": "*",
                "Condition": {
                    "ArnEquals": {
                        "kms:EncryptionContext:aws:logs:arn": [log_group_arn(account, n) for n in log_group_names]
                    }
                },
            },
        ],
    }


def flow_log_trust_policy(account: AccountContext) -> dict[str, Any]:
    """Only the flow-logs service, acting for this account's VPCs, may assume the delivery role."""
    ec2_arn = f"arn:{account.partition}:ec2:{account.region}:{account.account_id}"
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "vpc-flow-logs.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {
                    "StringEquals": {"aws:SourceAccount": account.account_id},
                    "ArnLike": {"aws:SourceArn": f"{ec2_arn}:vpc-flow-log/*"},
                },
            }
        ],
    }


def flow_log_delivery_policy(account: AccountContext, log_group_name: str) -> dict[str, Any]:
    arn = log_group_arn(account, log_group_name)
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "DeliverToOneLogGroup",
                "Effect": "Allow",
                "Action": ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                "Resource": [arn, f"{arn}:*"],
            }
        ],
    }
