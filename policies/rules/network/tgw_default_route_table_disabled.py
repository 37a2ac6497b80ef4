"""Transit gateways do not auto-associate or auto-propagate to a default route table."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    for prop in ("defaultRouteTableAssociation", "defaultRouteTablePropagation"):
        value = resource.get(prop)
        if value != "disable":
            shown = "enable (the AWS default)" if value is None else value
            yield Violation(f"{prop} is {shown}: every attachment would reach every other", prop)


RULE = ResourceRule(
    id="tgw_default_route_table_disabled",
    title="Transit gateway default route table association and propagation are disabled",
    description="With the default route table every attached VPC routes to every other: no island isolation.",
    severity=Severity.HIGH,
    frameworks={"seed": ("isolated-and-controlled",)},
    remediation=(
        'Set default_route_table_association="disable" and default_route_table_propagation="disable"; '
        "give each island its own TGW route table with an explicit list of peers."
    ),
    resource_types=("aws:ec2transitgateway/transitGateway:TransitGateway",),
    evaluate=evaluate,
)
