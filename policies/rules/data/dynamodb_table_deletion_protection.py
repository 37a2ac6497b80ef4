"""DynamoDB tables and table replicas have deletion protection enabled (FSBP DynamoDB.6)."""

from ...framework import Severity
from .._lib.data import DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA, flag_rule

RULE = flag_rule(
    "dynamodb_table_deletion_protection",
    types=(DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA),
    prop="deletionProtectionEnabled",
    want=True,
    default=False,
    default_note="AWS default: false",
    title="DynamoDB tables and table replicas have deletion protection enabled",
    description=(
        "A DeleteTable call (or a `pulumi destroy`) removes a table and every item at once; with "
        "deletion protection the flag must be turned off first. AWS leaves it off unless "
        "deletionProtectionEnabled is true."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("DynamoDB.6",), "seed": ("high-availability",)},
    remediation="Set deletion_protection_enabled=True on the aws.dynamodb.Table / TableReplica.",
)
