"""Redshift clusters are not publicly accessible (FSBP Redshift.1)."""

from ...framework import Severity
from .._lib.data import REDSHIFT_CLUSTER, flag_rule

RULE = flag_rule(
    "redshift_cluster_not_public",
    types=(REDSHIFT_CLUSTER,),
    prop="publiclyAccessible",
    want=False,
    default=False,
    default_note="AWS default: false",
    title="Redshift clusters are not publicly accessible",
    description=(
        "A publicly accessible cluster gets a public IP and a DNS name resolving to it, so only its "
        "security group guards the warehouse. AWS's default (false) passes; only an explicit true fails."
    ),
    severity=Severity.CRITICAL,
    frameworks={"aws-fsbp": ("Redshift.1",), "seed": ("isolated-and-controlled",)},
    remediation="Set publicly_accessible=False (or drop it) on the aws.redshift.Cluster; query through the VPC.",
)
