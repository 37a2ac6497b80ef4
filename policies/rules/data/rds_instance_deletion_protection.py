"""RDS DB instances have deletion protection enabled (FSBP RDS.8)."""

from ...framework import Severity
from .._lib.data import RDS_INSTANCE, flag_rule

RULE = flag_rule(
    "rds_instance_deletion_protection",
    types=(RDS_INSTANCE,),
    prop="deletionProtection",
    want=True,
    default=False,
    default_note="AWS default: false",
    title="RDS DB instances have deletion protection enabled",
    description=(
        "With deletion protection an instance cannot be deleted until the flag is turned off first, so a "
        "mistaken delete or `pulumi destroy` fails instead of dropping the database. AWS leaves it off "
        "unless deletionProtection is true. Aurora members are protected on the cluster "
        "(rds_cluster_deletion_protection)."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("RDS.8",), "seed": ("high-availability",)},
    remediation="Set deletion_protection=True on the aws.rds.Instance.",
)
