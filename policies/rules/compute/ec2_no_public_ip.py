"""Instances and launch specifications get no public IPv4: not asked for, not through their subnet,
not through the default VPC, not through an Elastic IP, not through an Auto Scaling group's subnets
(FSBP EC2.9, EC2.25, Autoscaling.5)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.compute import COMPUTE_TYPES, INSTANCE_TYPES, LAUNCH_TEMPLATE, is_false, is_true
from .._lib.exposure import AUTOSCALING_GROUP, asg_launch_specs, elastic_ips, maps_public_ip, subnets_of


def _instance_reasons(stack: StackView, resource: ResourceView) -> Iterator[tuple[str, str]]:
    """(why the instance is public, the property to change) for each way it gets a public IPv4."""
    asked = resource.get("associatePublicIpAddress")
    if is_true(asked):
        yield "asks for a public IP (associate_public_ip_address=True)", "associatePublicIpAddress"
    elif not is_false(asked) and not resource.get("networkInterfaces"):
        # Left out: the subnet decides. Attached network interfaces bring their own addressing.
        subnets = subnets_of(stack, resource)
        if subnets:
            public = [s.name for s in subnets if maps_public_ip(s)]
            if public:
                yield (f"leaves associate_public_ip_address out in subnet {public[0]}, which has "
                       "map_public_ip_on_launch=True"), "associatePublicIpAddress"
        elif resource.get("subnetId") is None and not resource.get("launchTemplate"):
            yield ("sets no subnet_id, so it launches into the default VPC's default subnet, which assigns "
                   "a public IP"), "subnetId"
    for eip in elastic_ips(stack, resource):
        yield f"is given Elastic IP {eip.name}", "id"


def _spec_decides(spec: ResourceView) -> bool:
    """Whether a launch template / configuration says yes or no itself (a yes is its own finding)."""
    if spec.type == LAUNCH_TEMPLATE:
        nics = list(spec.get("networkInterfaces") or ())
        primary = next((n for n in nics if float(n.get("deviceIndex") or 0) == 0), None)
        value = primary.get("associatePublicIpAddress") if primary else None
    else:
        value = spec.get("associatePublicIpAddress")
    return is_true(value) or is_false(value)


def _asg_reason(stack: StackView, group: ResourceView) -> str | None:
    # Launch specifications from outside the program are judged where they are declared.
    open_specs = [s.name for s in asg_launch_specs(stack, group) if not _spec_decides(s)]
    if not open_specs:
        return None
    spec = f"{open_specs[0]}, which leaves associate_public_ip_address out,"
    if group.get("vpcZoneIdentifiers") is None:
        return f"launches from {spec} into the default VPC's default subnets, which assign public IPs"
    public = [s.name for s in subnets_of(stack, group, "vpcZoneIdentifiers") if maps_public_ip(s)]
    if public:
        return f"launches from {spec} into subnet {public[0]}, which has map_public_ip_on_launch=True"
    return None


def _check(stack: StackView, resource: ResourceView) -> Iterator[Violation]:
    if resource.type == AUTOSCALING_GROUP:
        reason = _asg_reason(stack, resource)
        if reason:
            yield Violation(f"Auto Scaling group's instances get a public IPv4: it {reason}", "vpcZoneIdentifiers")
        return
    if resource.type == LAUNCH_TEMPLATE:
        for i, nic in enumerate(resource.get("networkInterfaces") or ()):
            # Launch templates carry this boolean as the string "true".
            if is_true(nic.get("associatePublicIpAddress")):
                yield Violation(f"network interface {i} asks for a public IP",
                                f"networkInterfaces[{i}].associatePublicIpAddress")
    elif resource.type in INSTANCE_TYPES:
        reasons = list(_instance_reasons(stack, resource))
        if reasons:  # one finding per instance, however many ways it is public
            why = "; it ".join(reason for reason, _ in reasons)
            yield Violation(f"instance gets a public IPv4: it {why}", reasons[0][1])
    elif is_true(resource.get("associatePublicIpAddress")):
        yield Violation("launch configuration asks for a public IP", "associatePublicIpAddress")


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from each_resource(stack.of_type(*COMPUTE_TYPES, AUTOSCALING_GROUP), lambda r: _check(stack, r))


RULE = StackRule(
    id="ec2_no_public_ip",
    title="EC2 instances and launch specifications get no public IPv4 address",
    description=(
        "A public address puts the host one security-group mistake away from the internet and bypasses "
        "the edge tier (load balancer, WAF). An instance is public when it asks for an address, when it "
        "leaves associate_public_ip_address out in a subnet of this stack with map_public_ip_on_launch=True, "
        "when it names no subnet at all (the default VPC's default subnets assign public IPs), or when an "
        "Elastic IP of this stack is attached to it. An Auto Scaling group is public when its launch "
        "template / configuration leaves the setting out and it launches into such a subnet (or names no "
        "vpc_zone_identifiers). A subnet or launch specification from outside the program is judged where it "
        "is declared (subnet_no_public_ip_on_launch); an instance launched from a launch template takes "
        "its addressing from the template, which is checked itself."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("EC2.9", "EC2.25", "Autoscaling.5"), "seed": ("isolated-and-controlled",)},
    remediation=(
        "Set subnet_id= (Auto Scaling groups: vpc_zone_identifiers=) to private subnets and "
        "associate_public_ip_address=False (on a LaunchTemplate: network_interfaces[].associate_public_ip_address="
        "\"false\"); drop any aws.ec2.Eip / EipAssociation "
        "for it. Publish through a load balancer and reach the host through SSM Session Manager. Exempt a "
        "deliberate bastion by name."
    ),
    evaluate=evaluate,
)
