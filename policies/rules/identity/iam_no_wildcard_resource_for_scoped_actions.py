"""Data-plane actions that support resource-level permissions are not granted on Resource "*"."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, StackRule
from .._lib.iam import PolicyStatement, all_resources, condition_keys, matches
from .._lib.security import IAM_DOCUMENT_TYPES, identity_policy_rule_evaluate

# Common data-plane actions whose Service Authorization Reference entry lists a required resource type
# (object, table, queue, topic, secret, function, parameter, stream): each can always be scoped to ARNs,
# and each reads or writes the data itself, so "*" hands over every team's data in the account.
# kms:Decrypt / kms:ReEncryptFrom are judged by kms_iam_policy_no_decrypt_all_keys (FSBP KMS.1/KMS.2).
SCOPED_ACTIONS = [
    "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion", "s3:DeleteObjectVersion",
    "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query",
    "dynamodb:Scan", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
    "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
    "sns:Publish",
    "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters",
    "lambda:InvokeFunction",
    "kinesis:PutRecord", "kinesis:PutRecords", "kinesis:GetRecords",
]
# Attribute-based access control: Resource "*" narrowed by the resource's tags or owner is least privilege.
_RESOURCE_SCOPING_PREFIXES = ("aws:resourcetag/", "aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths")


def _whole_service(action: str) -> bool:
    """"*", "*:*" and "service:*": iam_no_full_admin_policy and iam_no_service_wildcard_actions judge them."""
    text = action.strip()
    return text in ("*", "*:*") or text.endswith(":*")


def judge(stmt: PolicyStatement, config: Mapping[str, Any]) -> Iterator[str]:
    if not stmt.allows or stmt.not_actions is not None or not all_resources(stmt, count_not_resource=False):
        return
    if any(k.startswith(_RESOURCE_SCOPING_PREFIXES) for k in condition_keys(stmt)):
        return
    patterns = [a for a in stmt.actions if not _whole_service(a)]
    hit = [a for a in config["scoped_actions"] if matches(patterns, a)]
    if hit:
        more = f" and {len(hit) - 4} more" if len(hit) > 4 else ""
        yield f"allows {', '.join(hit[:4])}{more} on Resource \"*\"; these actions can be scoped to resource ARNs"


RULE = StackRule(
    id="iam_no_wildcard_resource_for_scoped_actions",
    title='Data-plane actions that support resource-level permissions are not granted on Resource "*"',
    description=(
        "s3:GetObject, dynamodb:PutItem, sqs:SendMessage, sns:Publish, secretsmanager:GetSecretValue, "
        "lambda:InvokeFunction and the other listed actions all accept resource ARNs, so Resource \"*\" is "
        "never needed: it lets the workload read or write every bucket, table, queue, topic, secret and "
        "function in the account, other teams' included. Prefix wildcards count (s3:Get* covers s3:GetObject); "
        "\"*\" and \"service:*\" are left to iam_no_full_admin_policy and iam_no_service_wildcard_actions, "
        "and statements narrowed by aws:ResourceTag/... or aws:ResourceAccount conditions (ABAC) pass."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("user-management", "isolated-and-controlled")},
    remediation=(
        "Set the statement's Resource to the workload's ARNs, e.g. [bucket.arn.apply(lambda a: f\"{a}/*\")], "
        "[table.arn], [queue.arn]; with aws.iam.get_policy_document pass resources=[...] per statement."
    ),
    config={"scoped_actions": {"type": "array", "items": {"type": "string"}, "default": SCOPED_ACTIONS,
                               "description": "actions that must name resources instead of \"*\""}},
    evaluate=identity_policy_rule_evaluate(judge, lambda config: IAM_DOCUMENT_TYPES),
)
