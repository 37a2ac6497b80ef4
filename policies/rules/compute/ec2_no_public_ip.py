"""Instances and launch specifications do not ask for a public IP."""

from collections.abc import Iterator, Mapping
from typing import Any

from framework import ResourceView, Rule, Severity, Violation

from rules._lib.compute import COMPUTE_TYPES, LAUNCH_TEMPLATE, is_true


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if resource.type == LAUNCH_TEMPLATE:
        for i, nic in enumerate(resource.get("networkInterfaces") or ()):
            # Launch templates carry this boolean as the string "true".
            if is_true(nic.get("associatePublicIpAddress")):
                yield Violation(f"network interface {i} asks for a public IP",
                                f"networkInterfaces[{i}].associatePublicIpAddress")
    elif is_true(resource.get("associatePublicIpAddress")):
        yield Violation("instance asks for a public IP", "associatePublicIpAddress")


RULE = Rule(
    id="ec2_no_public_ip",
    title="EC2 instances and launch specifications do not request public IPs",
    description=(
        "A public address puts the host one security-group mistake away from the internet and bypasses "
        "the edge tier (load balancer, WAF). Leaving the setting out defers to the subnet, which "
        "subnet_no_public_ip_on_launch checks."
    ),
    severity=Severity.HIGH,
    frameworks={"seed": ("isolated-and-controlled",)},
    remediation=(
        "Remove associate_public_ip_address=True (on a LaunchTemplate: network_interfaces[].associate_"
        "public_ip_address); launch into a private subnet and publish through a load balancer, reach "
        "the host through SSM Session Manager. Exempt a deliberate bastion by name."
    ),
    resource_types=COMPUTE_TYPES,
    evaluate=evaluate,
)
