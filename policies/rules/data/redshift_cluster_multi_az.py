"""Redshift clusters are Multi-AZ deployments (FSBP Redshift.18)."""

from ...framework import Severity
from .._lib.data import REDSHIFT_CLUSTER, flag_rule

RULE = flag_rule(
    "redshift_cluster_multi_az",
    types=(REDSHIFT_CLUSTER,),
    prop="multiAz",
    want=True,
    default=False,
    default_note="AWS default: single-AZ",
    title="Redshift clusters are Multi-AZ deployments",
    description=(
        "A Multi-AZ RA3 cluster keeps compute in a second Availability Zone behind the same endpoint and "
        "keeps serving through an AZ outage. AWS creates single-AZ clusters unless multiAz is true."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Redshift.18",), "seed": ("high-availability",)},
    remediation="Set multi_az=True on the aws.redshift.Cluster (RA3 node types).",
)
