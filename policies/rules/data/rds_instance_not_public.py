"""RDS DB instances and Aurora cluster instances are not publicly accessible (FSBP RDS.2)."""

from ...framework import Severity
from .._lib.data import RDS_CLUSTER_INSTANCE, RDS_INSTANCE, flag_rule

RULE = flag_rule(
    "rds_instance_not_public",
    types=(RDS_INSTANCE, RDS_CLUSTER_INSTANCE),
    prop="publiclyAccessible",
    want=False,
    default=False,
    default_note="AWS default: false",
    title="RDS DB instances and Aurora cluster instances are not publicly accessible",
    description=(
        "A publicly accessible instance gets a DNS name that resolves to a public IP, so its security "
        "group is all that stands between the internet and the database port. Leaving "
        "publiclyAccessible out keeps AWS's default (false) and passes."
    ),
    severity=Severity.CRITICAL,
    frameworks={"aws-fsbp": ("RDS.2",), "cis-aws-3.0": ("2.3.3",), "cis-aws-5.0": ("2.2.3",),
                "seed": ("isolated-and-controlled",)},
    remediation=(
        "Set publicly_accessible=False on the aws.rds.Instance / aws.rds.ClusterInstance (or drop the "
        "argument) and reach the database from inside the VPC or through the Client VPN."
    ),
)
