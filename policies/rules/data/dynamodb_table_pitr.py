"""DynamoDB tables and table replicas have point-in-time recovery enabled (FSBP DynamoDB.2)."""

from ...framework import Severity
from .._lib.data import DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA, flag_rule

RULE = flag_rule(
    "dynamodb_table_pitr",
    types=(DYNAMODB_TABLE, DYNAMODB_TABLE_REPLICA),
    prop="pointInTimeRecovery.enabled",
    want=True,
    default=False,
    default_note="AWS default: off",
    title="DynamoDB tables and table replicas have point-in-time recovery enabled",
    description=(
        "Point-in-time recovery keeps continuous backups for up to 35 days, so a bad write, a runaway "
        "delete or ransomware can be undone to the second. AWS leaves it off unless "
        "pointInTimeRecovery.enabled is true. Inline replicas (Table.replicas[].pointInTimeRecovery) are "
        "not judged; a TableReplica resource is."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("DynamoDB.2",), "seed": ("high-availability",)},
    remediation=(
        "Set point_in_time_recovery=aws.dynamodb.TablePointInTimeRecoveryArgs(enabled=True) on the "
        "aws.dynamodb.Table, and point_in_time_recovery=True on an aws.dynamodb.TableReplica."
    ),
    paths={DYNAMODB_TABLE_REPLICA: "pointInTimeRecovery"},
)
