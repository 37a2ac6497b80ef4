"""EC2 instances have one network interface (FSBP EC2.17)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource, unknown_path
from .._lib.compute import INSTANCE_TYPES, LAUNCH_TEMPLATE

ENI = "aws:ec2/networkInterface:NetworkInterface"
ENI_ATTACHMENT = "aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment"


def _inline_attachments(stack: StackView, instance: ResourceView) -> int:
    """Attachments declared on aws.ec2.NetworkInterface(attachments=[{"instance": ...}]) to this instance."""
    instance_id, _ = unknown_path(lambda: instance.get("id"))
    count = 0
    for eni in stack.of_type(ENI):
        attachments = eni.get("attachments") or ()
        if not attachments:
            continue
        if instance.urn in eni.property_dependencies.get("attachments", ()):
            count += len(attachments)
        elif instance_id is not None:
            count += sum(1 for a in attachments if a.get("instance") == instance_id)
    return count


def _count(stack: StackView, resource: ResourceView) -> tuple[int, str]:
    if resource.type == LAUNCH_TEMPLATE:
        return len(resource.get("networkInterfaces") or ()), "networkInterfaces"
    at_launch = max(1, len(resource.get("networkInterfaces") or ()))
    secondary = len(resource.get("secondaryNetworkInterfaces") or ())
    attached = sum(1 for a in stack.of_type(ENI_ATTACHMENT) if stack.refers_to(a, "instanceId", resource))
    return at_launch + secondary + attached + _inline_attachments(stack, resource), "networkInterfaces"


def _check(stack: StackView, resource: ResourceView) -> Iterator[Violation]:
    count, path = _count(stack, resource)
    if count > 1:
        what = "launch template gives its instances" if resource.type == LAUNCH_TEMPLATE else "instance has"
        yield Violation(f"{resource.name}: {what} {count} network interfaces, which can bridge subnets and "
                        "bypass their routing and NACLs; the rule demands one", path, resource.urn)


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from each_resource(stack.of_type(*INSTANCE_TYPES, LAUNCH_TEMPLATE), lambda r: _check(stack, r))


RULE = StackRule(
    id="ec2_instance_single_eni",
    title="EC2 instances do not use multiple ENIs",
    description=(
        "A second network interface puts one host in two subnets, so traffic can cross between them "
        "without passing the route tables, NACLs or firewalls that separate them. Counted: the launch "
        "interfaces (an instance always has one), secondary interfaces, and aws.ec2.NetworkInterfaceAttachment "
        "or inline NetworkInterface attachments to the instance in this stack; a launch template's "
        "network interfaces count for the instances it launches. Exempt appliances (firewalls) by name."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("EC2.17",), "seed": ("isolated-and-controlled",)},
    remediation=(
        "Give the instance (or launch template) a single network interface; use secondary private IPs on "
        "it, a NAT gateway or Transit Gateway routing instead of a second ENI."
    ),
    evaluate=evaluate,
)
