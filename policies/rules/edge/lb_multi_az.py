"""Load balancers (application, network, gateway and classic) span at least two Availability Zones."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import CLASSIC_LOAD_BALANCERS, LOAD_BALANCERS, lb_type


def _placements(resource: ResourceView) -> tuple[str, int]:
    """(property, how many zones) from whichever placement the declaration uses.

    A load balancer takes at most one subnet per Availability Zone, so distinct subnets are distinct zones.
    """
    if resource.type in CLASSIC_LOAD_BALANCERS:
        zones = resource.get("availabilityZones")
        if zones:
            return "availabilityZones", len(set(zones))
        return "subnets", len(set(resource.get("subnets") or ()))
    mappings = resource.get("subnetMappings")
    if mappings:
        return "subnetMappings", len({m.get("subnetId") for m in mappings})
    return "subnets", len(set(resource.get("subnets") or ()))


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    prop, count = _placements(resource)
    if count < config["min_zones"]:
        yield Violation(f"{lb_type(resource)} load balancer is placed in {count} Availability Zone(s) ({prop}); "
                        f"the rule demands at least {config['min_zones']}", prop)


RULE = ResourceRule(
    id="lb_multi_az",
    title="Load balancers span at least two Availability Zones",
    description=(
        "A load balancer in one zone goes down with that zone. Application load balancers already need "
        "two subnets; network, gateway and classic load balancers accept one."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("high-availability",), "aws-fsbp": ("ELB.10", "ELB.13")},
    remediation="Pass subnets= (or subnet_mappings=) from two or more Availability Zones, e.g. the island's "
                "private subnet ids; for aws.elb.LoadBalancer, availability_zones= or subnets= in two zones.",
    resource_types=(*LOAD_BALANCERS, *CLASSIC_LOAD_BALANCERS),
    config={"min_zones": {"type": "integer", "default": 2, "minimum": 2,
                          "description": "fewest Availability Zones a load balancer may span"}},
    evaluate=evaluate,
)
