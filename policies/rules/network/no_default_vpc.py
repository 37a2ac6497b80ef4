"""The account's default VPC is not managed into use."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield Violation("stack adopts the default VPC (public subnets, open defaults, no flow logs)")


RULE = ResourceRule(
    id="no_default_vpc",
    title="The default VPC is not used",
    description="The default VPC has public subnets in every AZ and predates every guardrail.",
    severity=Severity.HIGH,
    frameworks={"seed": ("isolated-and-controlled",)},
    remediation="Remove aws.ec2.DefaultVpc from the program; place workloads in a landing-zone VPC island.",
    resource_types=("aws:ec2/defaultVpc:DefaultVpc",),
    evaluate=evaluate,
)
