"""RDS DB instances have IAM database authentication enabled (FSBP RDS.10)."""

from ...framework import ResourceView, Severity
from .._lib.data import RDS_INSTANCE, engine_family, flag_rule


def _supports_iam(resource: ResourceView) -> bool:
    return engine_family(resource.get("engine")) in ("mysql", "postgres")  # MySQL, MariaDB, PostgreSQL


RULE = flag_rule(
    "rds_instance_iam_auth",
    types=(RDS_INSTANCE,),
    prop="iamDatabaseAuthenticationEnabled",
    want=True,
    default=False,
    default_note="AWS default: false",
    applies=_supports_iam,
    title="RDS DB instances have IAM database authentication enabled",
    description=(
        "IAM database authentication lets applications connect with short-lived tokens tied to their "
        "role instead of a stored password, and forces TLS for those connections. AWS leaves it off. "
        "Only engines that support it (MySQL, MariaDB, PostgreSQL) are judged."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.10",), "seed": ("secure-access",)},
    remediation=(
        "Set iam_database_authentication_enabled=True on the aws.rds.Instance and grant rds-db:connect "
        "to the application role."
    ),
)
