"""RDS DB clusters use a custom administrator user name (FSBP RDS.24)."""

from ...framework import Severity
from .._lib.data import RDS_CLUSTER, admin_username_rule

RULE = admin_username_rule(
    "rds_cluster_custom_admin_username",
    types=(RDS_CLUSTER,),
    prop="masterUsername",
    defaults=["admin", "postgres", "root"],
    title="RDS DB clusters use a custom administrator user name",
    description=(
        "Password-guessing against a database starts with admin, postgres and root; a custom master user "
        "name makes an attacker guess both halves. Clusters restored from a snapshot or joining a global "
        "database inherit the name and are not judged."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.24",), "seed": ("user-management",)},
    remediation='Set master_username= an application-specific name (e.g. "orders_owner") on the aws.rds.Cluster.',
)
