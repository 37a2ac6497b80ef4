"""OpenSearch domains are deployed in a VPC, not on a public endpoint (FSBP Opensearch.2)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import SEARCH_DOMAINS, lookup, strings


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not strings(lookup(resource, "vpcOptions.subnetIds")):
        yield Violation(f"Domain {resource.name}: vpcOptions.subnetIds is not set, so the domain gets a public "
                        "endpoint guarded only by its access policy; this rule demands VPC subnets",
                        "vpcOptions.subnetIds")


RULE = ResourceRule(
    id="opensearch_in_vpc",
    title="OpenSearch domains are deployed in a VPC",
    description=(
        "Without vpc_options a domain is created with a public endpoint, reachable from the internet and "
        "guarded only by its access policy; it cannot be moved into a VPC later."
    ),
    severity=Severity.CRITICAL,
    frameworks={"aws-fsbp": ("Opensearch.2",), "seed": ("isolated-and-controlled",)},
    remediation=(
        "Set vpc_options=aws.opensearch.DomainVpcOptionsArgs(subnet_ids=[...private subnets...], "
        "security_group_ids=[...]) on the aws.opensearch.Domain."
    ),
    resource_types=SEARCH_DOMAINS,
    evaluate=evaluate,
)
