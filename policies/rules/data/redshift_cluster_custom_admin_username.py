"""Redshift clusters do not use the default admin user name (FSBP Redshift.8)."""

from ...framework import Severity
from .._lib.data import REDSHIFT_CLUSTER, admin_username_rule

RULE = admin_username_rule(
    "redshift_cluster_custom_admin_username",
    types=(REDSHIFT_CLUSTER,),
    prop="masterUsername",
    defaults=["awsuser"],
    title="Redshift clusters do not use the default admin user name",
    description=(
        "awsuser is the console's default admin name and the first one an attacker tries. A cluster "
        "restored from a snapshot inherits its name and is not judged."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Redshift.8",), "seed": ("user-management",)},
    remediation=('Set master_username= an application-specific name (e.g. "warehouse_owner") on the '
                 "aws.redshift.Cluster."),
)
