"""ElastiCache clusters and replication groups do not use the default subnet group (FSBP ElastiCache.7)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP, kind, standalone_cache


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not standalone_cache(resource):
        return
    name = resource.get("subnetGroupName")
    if name is None or str(name) == "default":
        now = "not set (AWS uses 'default')" if name is None else "'default'"
        yield Violation(f"{kind(resource)} {resource.name}: subnetGroupName is {now}, the default VPC's "
                        "subnets; this rule demands a subnet group of private subnets", "subnetGroupName")


RULE = ResourceRule(
    id="elasticache_custom_subnet_group",
    title="ElastiCache clusters and replication groups do not use the default subnet group",
    description=(
        "Without a subnet group ElastiCache uses (and creates) 'default', made of the default VPC's "
        "subnets, which are public. Replication group members are judged on the group."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("ElastiCache.7",), "seed": ("isolated-and-controlled",)},
    remediation=(
        "Declare aws.elasticache.SubnetGroup(..., subnet_ids=<private subnet ids>) and set "
        "subnet_group_name=group.name on the Cluster / ReplicationGroup."
    ),
    resource_types=(ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP),
    evaluate=evaluate,
)
