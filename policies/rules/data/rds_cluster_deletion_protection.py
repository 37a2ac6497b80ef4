"""RDS DB clusters have deletion protection enabled (FSBP RDS.7)."""

from ...framework import Severity
from .._lib.data import RDS_CLUSTER, flag_rule

RULE = flag_rule(
    "rds_cluster_deletion_protection",
    types=(RDS_CLUSTER,),
    prop="deletionProtection",
    want=True,
    default=False,
    default_note="AWS default: false",
    title="RDS DB clusters have deletion protection enabled",
    description=(
        "With deletion protection a cluster cannot be deleted (by a console slip, a script or a "
        "`pulumi destroy`) until the flag is turned off first. AWS leaves it off unless deletionProtection "
        "is true."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.7",), "seed": ("high-availability",)},
    remediation="Set deletion_protection=True on the aws.rds.Cluster.",
)
