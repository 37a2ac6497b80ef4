"""RDS DB instances keep automated backups for at least 7 days (FSBP RDS.11)."""

from ...framework import ResourceView, Severity
from .._lib.data import RDS_INSTANCE, minimum_rule


def _not_replica(resource: ResourceView) -> bool:
    return not resource.get("replicateSourceDb")  # the source's backups cover a read replica


RULE = minimum_rule(
    "rds_instance_backups_enabled",
    types=(RDS_INSTANCE,),
    prop="backupRetentionPeriod",
    default=1,
    minimum=7,
    unit="days",
    applies=_not_replica,
    title="RDS DB instances keep automated backups for at least 7 days",
    description=(
        "Automated backups allow point-in-time restore within the retention period; 0 turns them off. "
        "AWS keeps 1 day when backupRetentionPeriod is left out, which this rule (like FSBP's default "
        "parameter) treats as too short. Read replicas are not judged."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.11",), "seed": ("high-availability",)},
    remediation="Set backup_retention_period=7 (or more) on the aws.rds.Instance.",
)
