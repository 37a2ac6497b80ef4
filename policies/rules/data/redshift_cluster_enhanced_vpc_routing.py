"""Redshift clusters use enhanced VPC routing (FSBP Redshift.7)."""

from ...framework import Severity
from .._lib.data import REDSHIFT_CLUSTER, flag_rule

RULE = flag_rule(
    "redshift_cluster_enhanced_vpc_routing",
    types=(REDSHIFT_CLUSTER,),
    prop="enhancedVpcRouting",
    want=True,
    default=False,
    default_note="AWS default: false",
    title="Redshift clusters use enhanced VPC routing",
    description=(
        "Enhanced VPC routing sends COPY and UNLOAD traffic through the VPC, where security groups, "
        "endpoint policies and flow logs apply; without it that traffic takes AWS's public network. AWS "
        "leaves it off."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Redshift.7",), "seed": ("isolated-and-controlled",)},
    remediation="Set enhanced_vpc_routing=True on the aws.redshift.Cluster (and give the VPC an S3 endpoint).",
)
