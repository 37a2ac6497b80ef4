"""RDS DB instances and Aurora cluster instances apply minor engine upgrades automatically (FSBP RDS.13)."""

from ...framework import Severity
from .._lib.data import RDS_CLUSTER_INSTANCE, RDS_INSTANCE, flag_rule

RULE = flag_rule(
    "rds_instance_auto_minor_version_upgrade",
    types=(RDS_INSTANCE, RDS_CLUSTER_INSTANCE),
    prop="autoMinorVersionUpgrade",
    want=True,
    default=True,
    default_note="AWS default: true",
    title="RDS DB instances and Aurora cluster instances apply minor engine upgrades automatically",
    description=(
        "Minor engine versions carry security fixes; with autoMinorVersionUpgrade they are applied in the "
        "maintenance window instead of waiting for someone to schedule them. AWS's default (true) passes; "
        "only an explicit false fails."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("RDS.13",), "cis-aws-3.0": ("2.3.2",), "cis-aws-5.0": ("2.2.2",),
                "seed": ("frequent-updates",)},
    remediation="Remove auto_minor_version_upgrade=False (or set True) on the aws.rds.Instance / ClusterInstance.",
)
