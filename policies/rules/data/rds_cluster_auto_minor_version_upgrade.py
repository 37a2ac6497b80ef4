"""RDS Multi-AZ DB clusters apply minor engine upgrades automatically (FSBP RDS.35)."""

from ...framework import ResourceView, Severity
from .._lib.data import RDS_CLUSTER, flag_rule


def _multi_az_db_cluster(resource: ResourceView) -> bool:
    # RDS.35 covers Multi-AZ DB clusters (declared with db_cluster_instance_class); Aurora applies minor
    # upgrades per member, judged by rds_instance_auto_minor_version_upgrade.
    return bool(resource.get("dbClusterInstanceClass"))

RULE = flag_rule(
    "rds_cluster_auto_minor_version_upgrade",
    types=(RDS_CLUSTER,),
    prop="autoMinorVersionUpgrade",
    want=True,
    default=True,
    default_note="AWS default: true",
    applies=_multi_az_db_cluster,
    title="RDS Multi-AZ DB clusters apply minor engine upgrades automatically",
    description=(
        "A Multi-AZ DB cluster with autoMinorVersionUpgrade false stays on a minor version until someone "
        "upgrades it by hand, security fixes included. AWS's default (true) passes; only an explicit false "
        "fails. Aurora clusters upgrade per member, judged by rds_instance_auto_minor_version_upgrade."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.35",), "seed": ("frequent-updates",)},
    remediation="Remove auto_minor_version_upgrade=False (or set True) on the aws.rds.Cluster.",
)
