"""Aurora MySQL clusters have backtracking enabled (FSBP RDS.14)."""

from ...framework import ResourceView, Severity
from .._lib.data import RDS_CLUSTER, minimum_rule


def _supports_backtrack(resource: ResourceView) -> bool:
    # Backtrack exists only for Aurora MySQL, and not for Serverless v1 or global database members.
    return (str(resource.get("engine") or "aurora") in ("aurora", "aurora-mysql")
            and resource.get("engineMode") != "serverless" and not resource.get("globalClusterIdentifier"))


RULE = minimum_rule(
    "rds_aurora_backtracking",
    types=(RDS_CLUSTER,),
    prop="backtrackWindow",
    default=0,
    minimum=1,
    unit="seconds",
    applies=_supports_backtrack,
    title="Aurora MySQL clusters have backtracking enabled",
    description=(
        "Backtracking rewinds an Aurora MySQL cluster to a point in time in minutes, without restoring a "
        "backup into a new cluster. AWS leaves it off (backtrackWindow 0); it can only be enabled when the "
        "cluster is created. Other engines, Serverless v1 and global database members are not judged."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.14",), "seed": ("high-availability",)},
    remediation="Set backtrack_window=86400 (seconds, at most 259200) on the aws.rds.Cluster.",
)
