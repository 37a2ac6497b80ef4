"""Classic load balancers balance across Availability Zones."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import CLASSIC_LOAD_BALANCERS, is_false


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    # The provider turns cross-zone on when the argument is left out; only an explicit false fails.
    if is_false(resource.get("crossZoneLoadBalancing")):
        yield Violation("classic load balancer cross_zone_load_balancing is False; the rule demands True",
                        "crossZoneLoadBalancing")


RULE = ResourceRule(
    id="elb_classic_cross_zone",
    title="Classic load balancers have cross-zone load balancing enabled",
    description=(
        "Without cross-zone balancing each node serves only its own zone's instances, so uneven zones "
        "overload and a zone with few instances fails first. pulumi_aws enables it by default."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("high-availability",), "aws-fsbp": ("ELB.9",)},
    remediation="Remove cross_zone_load_balancing=False (or set it to True) on the aws.elb.LoadBalancer.",
    resource_types=CLASSIC_LOAD_BALANCERS,
    evaluate=evaluate,
)
