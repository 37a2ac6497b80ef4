"""Routes through a VPC peering connection are least-access (CIS 5.5)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.net import is_anywhere

ROUTE = "aws:ec2/route:Route"
ROUTE_TABLE = "aws:ec2/routeTable:RouteTable"
DEFAULT_ROUTE_TABLE = "aws:ec2/defaultRouteTable:DefaultRouteTable"


def _routes(resource: ResourceView) -> Iterator[tuple[str, Any, tuple[str, str]]]:
    if resource.type == ROUTE:
        yield "", resource.props, ("destinationCidrBlock", "destinationIpv6CidrBlock")
    else:
        for i, route in enumerate(resource.get("routes") or ()):
            yield f"routes[{i}].", route, ("cidrBlock", "ipv6CidrBlock")


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    for prefix, route, keys in _routes(resource):
        if not route.get("vpcPeeringConnectionId"):
            continue
        for key in keys:
            if is_anywhere(route.get(key)):
                message = f"route sends {route.get(key)} through a VPC peering connection"
                yield Violation(message, prefix + key)


RULE = ResourceRule(
    id="no_peering_route_to_anywhere",
    title="Routes through VPC peering connections do not cover 0.0.0.0/0 or ::/0",
    description="A default route over a peering connection exposes every subnet of the peer.",
    severity=Severity.HIGH,
    frameworks={"cis-aws-5.0": ("5.6",), "cis-aws-3.0": ("5.5",), "seed": ("isolated-and-controlled",)},
    remediation="Route only the peer's specific CIDRs over the peering connection (least access).",
    resource_types=(ROUTE, ROUTE_TABLE, DEFAULT_ROUTE_TABLE),
    evaluate=evaluate,
)
