"""RDS DB instances, Aurora cluster instances and Multi-AZ DB clusters have Enhanced Monitoring (FSBP RDS.6)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE, kind


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    # Aurora monitors per member (ClusterInstance); a Cluster carries the setting only as a Multi-AZ DB
    # cluster, which is declared with db_cluster_instance_class and has no ClusterInstance resources.
    if resource.type == RDS_CLUSTER and not resource.get("dbClusterInstanceClass"):
        return
    value = resource.get("monitoringInterval")
    interval = float(value or 0)
    if interval <= 0:
        now = "not set (AWS default: 0, off)" if value is None else "0 (off)"
        yield Violation(f"{kind(resource)} {resource.name}: monitoringInterval is {now}; this rule demands "
                        f"Enhanced Monitoring every {config['max_interval']} seconds or more often",
                        "monitoringInterval")
    elif interval > config["max_interval"]:
        yield Violation(f"{kind(resource)} {resource.name}: monitoringInterval is {interval:g} seconds; this "
                        f"rule demands at most {config['max_interval']}", "monitoringInterval")
    if interval > 0 and not resource.get("monitoringRoleArn"):
        yield Violation(f"{kind(resource)} {resource.name}: monitoringInterval is {interval:g} but "
                        "monitoringRoleArn is not set, so RDS cannot publish the OS metrics", "monitoringRoleArn")


RULE = ResourceRule(
    id="rds_enhanced_monitoring",
    title="RDS DB instances, Aurora cluster instances and Multi-AZ DB clusters have Enhanced Monitoring",
    description=(
        "Enhanced Monitoring runs an agent on the database host and publishes OS metrics (per-process "
        "CPU, memory, I/O) that the hypervisor-level CloudWatch metrics cannot show. AWS leaves it off "
        "(monitoringInterval 0); it also needs a role RDS can assume to write the metrics."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("RDS.6",), "seed": ("one-spot-monitoring",)},
    remediation=(
        "Set monitoring_interval=60 (or 1/5/10/15/30) and monitoring_role_arn= a role trusting "
        "monitoring.rds.amazonaws.com with AmazonRDSEnhancedMonitoringRole on the aws.rds.Instance / "
        "ClusterInstance (or the Multi-AZ aws.rds.Cluster)."
    ),
    resource_types=(RDS_INSTANCE, RDS_CLUSTER_INSTANCE, RDS_CLUSTER),
    config={"max_interval": {"type": "integer", "default": 60, "enum": [1, 5, 10, 15, 30, 60],
                             "description": "longest accepted monitoringInterval, in seconds"}},
    evaluate=evaluate,
)
