"""RDS DB instances use a custom administrator user name (FSBP RDS.25)."""

from ...framework import Severity
from .._lib.data import RDS_INSTANCE, admin_username_rule

RULE = admin_username_rule(
    "rds_instance_custom_admin_username",
    types=(RDS_INSTANCE,),
    prop="username",
    defaults=["admin", "postgres", "root", "sa"],
    title="RDS DB instances use a custom administrator user name",
    description=(
        "Password-guessing against a database starts with admin, postgres, root and sa; a custom master "
        "user name makes an attacker guess both halves. Replicas and restores inherit the name and "
        "are not judged."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.25",), "seed": ("user-management",)},
    remediation='Set username= an application-specific name (e.g. "orders_owner") on the aws.rds.Instance.',
)
