"""RDS DB clusters apply minor engine upgrades automatically (FSBP RDS.35)."""

from framework import Severity

from rules._lib.data import RDS_CLUSTER, flag_rule

RULE = flag_rule(
    "rds_cluster_auto_minor_version_upgrade",
    types=(RDS_CLUSTER,),
    prop="autoMinorVersionUpgrade",
    want=True,
    default=True,
    default_note="AWS default: true",
    title="RDS DB clusters apply minor engine upgrades automatically",
    description=(
        "A cluster with autoMinorVersionUpgrade false stays on a minor version until someone upgrades it "
        "by hand, security fixes included. AWS's default (true) passes; only an explicit false fails. "
        "Aurora members' own flags are judged by rds_instance_auto_minor_version_upgrade."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.35",), "seed": ("frequent-updates",)},
    remediation="Remove auto_minor_version_upgrade=False (or set True) on the aws.rds.Cluster.",
)
