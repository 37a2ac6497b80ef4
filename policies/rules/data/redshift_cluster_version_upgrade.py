"""Redshift clusters allow automatic major version upgrades (FSBP Redshift.6)."""

from ...framework import Severity
from .._lib.data import REDSHIFT_CLUSTER, flag_rule

RULE = flag_rule(
    "redshift_cluster_version_upgrade",
    types=(REDSHIFT_CLUSTER,),
    prop="allowVersionUpgrade",
    want=True,
    default=True,
    default_note="AWS default: true",
    title="Redshift clusters allow automatic major version upgrades",
    description=(
        "With allowVersionUpgrade false a cluster keeps its engine version, security fixes included, "
        "until someone upgrades it. AWS's default (true) passes; only an explicit false fails."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Redshift.6",), "seed": ("frequent-updates",)},
    remediation="Remove allow_version_upgrade=False (or set True) on the aws.redshift.Cluster.",
)
