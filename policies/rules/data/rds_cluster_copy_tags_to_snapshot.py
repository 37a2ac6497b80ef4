"""RDS DB clusters copy their tags to snapshots (FSBP RDS.16, RDS.47, RDS.48)."""

from ...framework import Severity
from .._lib.data import RDS_CLUSTER, flag_rule

RULE = flag_rule(
    "rds_cluster_copy_tags_to_snapshot",
    types=(RDS_CLUSTER,),
    prop="copyTagsToSnapshot",
    want=True,
    default=False,
    default_note="AWS default: false",
    title="RDS DB clusters copy their tags to snapshots",
    description=(
        "Snapshots without the cluster's tags lose their owner, data classification and cost centre, so "
        "tag-based access policies and retention jobs miss them. AWS copies no tags unless "
        "copyTagsToSnapshot is true. FSBP's RDS.47/RDS.48 are the same check for PostgreSQL and MySQL "
        "Multi-AZ clusters."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("RDS.16", "RDS.47", "RDS.48"), "seed": ("configuration-analysis",)},
    remediation="Set copy_tags_to_snapshot=True on the aws.rds.Cluster.",
)
