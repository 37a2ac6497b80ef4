"""OpenSearch domains have at least three data nodes across zones (FSBP Opensearch.6)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import SEARCH_DOMAINS, lookup, truthy


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    count = lookup(resource, "clusterConfig.instanceCount")
    if float(1 if count is None else count) < config["min_data_nodes"]:
        now = "not set (AWS default: 1)" if count is None else f"{float(count):g}"
        yield Violation(f"Domain {resource.name}: clusterConfig.instanceCount is {now}; this rule demands at "
                        f"least {config['min_data_nodes']} data nodes", "clusterConfig.instanceCount")
    if not truthy(lookup(resource, "clusterConfig.zoneAwarenessEnabled")):
        yield Violation(f"Domain {resource.name}: clusterConfig.zoneAwarenessEnabled is not true, so every node "
                        "can sit in one Availability Zone; this rule demands zone awareness",
                        "clusterConfig.zoneAwarenessEnabled")


RULE = ResourceRule(
    id="opensearch_data_node_fault_tolerance",
    title="OpenSearch domains have at least three data nodes with zone awareness",
    description=(
        "With fewer than three data nodes, or all of them in one zone, losing a node or an AZ loses "
        "shards or the cluster quorum. AWS creates one node without zone awareness by default."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Opensearch.6",), "seed": ("high-availability",)},
    remediation=(
        "Set cluster_config=aws.opensearch.DomainClusterConfigArgs(instance_count=3, zone_awareness_enabled=True, "
        "zone_awareness_config=...(availability_zone_count=3)) on the aws.opensearch.Domain."
    ),
    resource_types=SEARCH_DOMAINS,
    config={"min_data_nodes": {"type": "integer", "default": 3, "minimum": 1,
                               "description": "fewest data nodes accepted"}},
    evaluate=evaluate,
)
