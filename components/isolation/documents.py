"""IAM, queue policy and environment of the isolation function (pure: plain dicts from plain values).

The function may read what it needs everywhere (EC2 Describe* has no resource-level permissions) but
change only what isolation needs: interfaces in the landing zone's VPCs, and only towards a group
tagged purpose=quarantine; `lz:*` tags on instances; snapshots that carry the finding id; one topic.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..base import AccountContext
from .plan import IsolationPlan

VERSION = "2012-10-17"
DESCRIBE_ACTIONS = [
    "ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeSnapshots", "ec2:DescribeSecurityGroups",
    "ec2:DescribeNetworkInterfaces",
]
QUARANTINE_TAG = ("purpose", "quarantine")  # what the firewall domain tags its quarantine groups with
ISOLATION_TAG_PREFIX = "lz:"  # the handler writes only these tag keys


def trust_policy(account: AccountContext) -> dict[str, Any]:
    """Lambda, acting for this account only."""
    return {
        "Version": VERSION,
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"aws:SourceAccount": account.account_id}},
        }],
    }


def vpc_arns(account: AccountContext, vpc_ids: Sequence[str]) -> list[str]:
    return [f"arn:{account.partition}:ec2:{account.region}:{account.account_id}:vpc/{v}" for v in vpc_ids]


def function_policy(plan: IsolationPlan, account: AccountContext, *, topic_arn: str, env_key_arn: str,
                    vpc_ids: Sequence[str]) -> dict[str, Any]:
    """The execution role's only permissions."""
    part, region, acct = account.partition, account.region, account.account_id
    ec2 = f"arn:{part}:ec2:{region}:{acct}"
    in_landing_zone = {"ArnEquals": {"ec2:Vpc": vpc_arns(account, vpc_ids)}}
    tag_key, tag_value = QUARANTINE_TAG
    return {
        "Version": VERSION,
        "Statement": [
            {"Sid": "DescribeWhatIsolationTouches", "Effect": "Allow", "Action": DESCRIBE_ACTIONS, "Resource": "*"},
            {"Sid": "SwapGroupsOfLandingZoneInterfaces", "Effect": "Allow",
             "Action": "ec2:ModifyNetworkInterfaceAttribute", "Resource": f"{ec2}:network-interface/*",
             "Condition": in_landing_zone},
            # The groups an interface is moved to are authorized too: only a quarantine group will do.
            {"Sid": "AttachOnlyQuarantineGroups", "Effect": "Allow",
             "Action": "ec2:ModifyNetworkInterfaceAttribute", "Resource": f"{ec2}:security-group/*",
             "Condition": {**in_landing_zone, "StringEquals": {f"aws:ResourceTag/{tag_key}": tag_value}}},
            # An attached interface's instance may be authorized as well; the two statements above decide.
            {"Sid": "ModifyInterfacesOfInstances", "Effect": "Allow",
             "Action": "ec2:ModifyNetworkInterfaceAttribute", "Resource": f"{ec2}:instance/*"},
            {"Sid": "TagInstancesWithIsolationTagsOnly", "Effect": "Allow", "Action": "ec2:CreateTags",
             "Resource": f"{ec2}:instance/*",
             "Condition": {"ForAllValues:StringLike": {"aws:TagKeys": [f"{ISOLATION_TAG_PREFIX}*"]}}},
            {"Sid": "SnapshotVolumes", "Effect": "Allow", "Action": "ec2:CreateSnapshot",
             "Resource": f"{ec2}:volume/*"},
            {"Sid": "CreateSnapshotsNamingTheFinding", "Effect": "Allow", "Action": "ec2:CreateSnapshot",
             "Resource": f"arn:{part}:ec2:{region}::snapshot/*",
             "Condition": {"Null": {f"aws:RequestTag/{ISOLATION_TAG_PREFIX}finding-id": "false"}}},
            {"Sid": "TagSnapshotsAtCreation", "Effect": "Allow", "Action": "ec2:CreateTags",
             "Resource": f"arn:{part}:ec2:{region}::snapshot/*",
             "Condition": {"StringEquals": {"ec2:CreateAction": "CreateSnapshot"}}},
            {"Sid": "PublishToTheAlertsTopic", "Effect": "Allow", "Action": "sns:Publish", "Resource": topic_arn},
            # The topic is SSE-KMS: SNS uses the publisher's permissions on the topic's key, for this topic only.
            {"Sid": "EncryptForTheAlertsTopic", "Effect": "Allow", "Action": ["kms:GenerateDataKey*", "kms:Decrypt"],
             "Resource": f"arn:{part}:kms:{region}:{acct}:key/*",
             "Condition": {"StringEquals": {"kms:ViaService": f"sns.{region}.amazonaws.com",
                                            "kms:EncryptionContext:aws:sns:topicArn": topic_arn}}},
            {"Sid": "DecryptOwnEnvironment", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": env_key_arn},
            {"Sid": "DeadLetterFailedInvocations", "Effect": "Allow", "Action": "sqs:SendMessage",
             "Resource": plan.queue_arn},
            {"Sid": "WriteOwnLogs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
             "Resource": f"{plan.log_group_arn}:*"},
        ],
    }


def dead_letter_policy(plan: IsolationPlan, account: AccountContext) -> dict[str, Any]:
    """Only this environment's isolation rule delivers undeliverable findings; TLS only."""
    return {
        "Version": VERSION,
        "Statement": [
            {"Sid": "IsolationRuleDeadLetters", "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"},
             "Action": "sqs:SendMessage", "Resource": plan.queue_arn,
             "Condition": {"ArnEquals": {"aws:SourceArn": plan.rule_arn},
                           "StringEquals": {"aws:SourceAccount": account.account_id}}},
            {"Sid": "DenyWithoutTls", "Effect": "Deny", "Principal": "*", "Action": "sqs:*",
             "Resource": plan.queue_arn, "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        ],
    }


def function_environment(plan: IsolationPlan, *, topic_arn: str, vpc_ids: Sequence[str]) -> dict[str, str]:
    """What the handler reads (see assets/isolate/handler.py, Settings.from_env)."""
    return {
        "ALERTS_TOPIC_ARN": topic_arn,
        "MIN_SEVERITY": f"{plan.severity_threshold:g}",
        "SNAPSHOT_VOLUMES": "true" if plan.snapshot_volumes else "false",
        "VPC_IDS": json.dumps(sorted(vpc_ids)),
    }
