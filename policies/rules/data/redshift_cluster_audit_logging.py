"""Redshift clusters have audit logging enabled (FSBP Redshift.4)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.data import REDSHIFT_CLUSTER, REDSHIFT_LOGGING, joined


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    loggings = stack.of_type(REDSHIFT_LOGGING)

    def check(cluster: ResourceView) -> Iterator[Violation]:
        if not any(joined(stack, log, "clusterIdentifier", [cluster], "clusterIdentifier") for log in loggings):
            yield Violation(f"Cluster {cluster.name} has no aws.redshift.Logging, so connection and user logs "
                            "are not delivered (AWS's default); this rule demands audit logging",
                            "clusterIdentifier")

    yield from each_resource(stack.of_type(REDSHIFT_CLUSTER), check)


RULE = StackRule(
    id="redshift_cluster_audit_logging",
    title="Redshift clusters have audit logging enabled",
    description=(
        "Audit logging delivers the connection, user and user-activity logs to S3 or CloudWatch Logs, the "
        "record of who connected and what changed. AWS leaves it off; pulumi_aws 7 declares it with a "
        "separate aws.redshift.Logging resource, joined here by cluster identifier or reference."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Redshift.4",), "seed": ("audited",)},
    remediation=(
        'Add aws.redshift.Logging(..., cluster_identifier=cluster.cluster_identifier, log_destination_type='
        '"cloudwatch", log_exports=["connectionlog", "userlog", "useractivitylog"]).'
    ),
    evaluate=evaluate,
)
