"""RDS DB clusters have IAM database authentication enabled (FSBP RDS.12)."""

from ...framework import ResourceView, Severity
from .._lib.data import RDS_CLUSTER, engine_family, flag_rule


def _supports_iam(resource: ResourceView) -> bool:
    return engine_family(resource.get("engine") or "aurora") in ("mysql", "postgres")


RULE = flag_rule(
    "rds_cluster_iam_auth",
    types=(RDS_CLUSTER,),
    prop="iamDatabaseAuthenticationEnabled",
    want=True,
    default=False,
    default_note="AWS default: false",
    applies=_supports_iam,
    title="RDS DB clusters have IAM database authentication enabled",
    description=(
        "IAM database authentication lets applications connect to the cluster with short-lived tokens "
        "tied to their role instead of a stored password. AWS leaves it off. Aurora MySQL/PostgreSQL and "
        "MySQL/PostgreSQL Multi-AZ clusters are judged (a Cluster's engine defaults to aurora)."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.12",), "seed": ("secure-access",)},
    remediation=(
        "Set iam_database_authentication_enabled=True on the aws.rds.Cluster and grant rds-db:connect to "
        "the application role."
    ),
)
