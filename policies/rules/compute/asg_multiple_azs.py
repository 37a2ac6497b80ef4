"""Auto Scaling groups span more than one Availability Zone (FSBP AutoScaling.2)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.zones import subnet_zones

ASG = "aws:autoscaling/group:Group"


def _check(stack: StackView, group: ResourceView, minimum: int) -> Iterator[Violation]:
    subnets = group.get("vpcZoneIdentifiers") or ()
    if subnets:
        if len(subnets) < minimum:
            yield Violation(f"vpcZoneIdentifiers names {len(subnets)} subnet(s); the rule demands subnets in at least "
                            f"{minimum} Availability Zones", "vpcZoneIdentifiers")
            return
        found = subnet_zones(stack, group, "vpcZoneIdentifiers", subnets)
        if found.undecided is not None:
            yield Violation(f"cannot decide: subnet {found.undecided.name} leaves its Availability Zone to AWS",
                            "vpcZoneIdentifiers")
        elif found.zones is not None and len(found.zones) < minimum:
            yield Violation(f"all {len(subnets)} subnets are in {sorted(found.zones)}; the rule demands at least "
                            f"{minimum} Availability Zones", "vpcZoneIdentifiers")
        return
    zones = {str(z) for z in group.get("availabilityZones") or ()}
    if zones and len(zones) < minimum:
        yield Violation(f"availabilityZones is {sorted(zones)}; the rule demands at least {minimum}",
                        "availabilityZones")


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    minimum = int(config["min_availability_zones"])
    yield from each_resource(stack.of_type(ASG), lambda group: _check(stack, group, minimum))


RULE = StackRule(
    id="asg_multiple_azs",
    title="EC2 Auto Scaling groups cover multiple Availability Zones",
    description=(
        "A group confined to one AZ cannot replace its instances elsewhere when that zone fails. Judged "
        "from vpcZoneIdentifiers (joined to the stack's subnets for their AZ; subnets from outside the "
        "stack are trusted to be spread, so only their count is judged) or availabilityZones."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("AutoScaling.2",), "seed": ("high-availability",)},
    remediation="Give aws.autoscaling.Group vpc_zone_identifiers= private subnets in two or more Availability "
                "Zones (the landing zone's per-AZ app subnets).",
    config={"min_availability_zones": {"type": "integer", "default": 2, "minimum": 2, "maximum": 6,
                                       "description": "fewest Availability Zones a group must span (FSBP "
                                                      "minAvailabilityZones)"}},
    evaluate=evaluate,
)
