"""Redshift clusters keep automated snapshots for at least 7 days (FSBP Redshift.3)."""

from ...framework import Severity
from .._lib.data import REDSHIFT_CLUSTER, minimum_rule

RULE = minimum_rule(
    "redshift_cluster_automated_snapshots",
    types=(REDSHIFT_CLUSTER,),
    prop="automatedSnapshotRetentionPeriod",
    default=1,
    minimum=7,
    unit="days",
    title="Redshift clusters keep automated snapshots for at least 7 days",
    description=(
        "Automated snapshots are the restore points after a bad load or a dropped table; 0 turns them "
        "off. AWS keeps them 1 day when automatedSnapshotRetentionPeriod is left out, shorter than FSBP's "
        "default minimum of 7."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Redshift.3",), "seed": ("high-availability",)},
    remediation="Set automated_snapshot_retention_period=7 (or more, up to 35) on the aws.redshift.Cluster.",
)
