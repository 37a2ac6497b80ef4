"""EFS mount targets are not in subnets that assign public IPs on launch (FSBP EFS.6)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.data import EFS_MOUNT_TARGET, SUBNET, joined, truthy


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    subnets = stack.of_type(SUBNET)

    def check(target: ResourceView) -> Iterator[Violation]:
        for subnet in joined(stack, target, "subnetId", subnets):
            if truthy(subnet.get("mapPublicIpOnLaunch")):
                yield Violation(f"MountTarget {target.name} is in Subnet {subnet.name}, whose "
                                "mapPublicIpOnLaunch is true, so its interface gets a public IP; this rule "
                                "demands a subnet without public IPs on launch", "subnetId")

    yield from each_resource(stack.of_type(EFS_MOUNT_TARGET), check)


RULE = StackRule(
    id="efs_mount_target_private_subnet",
    title="EFS mount targets are not in subnets that assign public IPs on launch",
    description=(
        "A mount target's network interface takes a public IPv4 address in a subnet with "
        "mapPublicIpOnLaunch, one security-group mistake away from NFS on the internet. Subnets declared "
        "in the stack are joined by id; a subnet id from outside the stack cannot be decided before deploy "
        "and is left alone. AWS's subnet default (false) passes."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("EFS.6",), "seed": ("isolated-and-controlled",)},
    remediation="Create the aws.efs.MountTarget in a private subnet (map_public_ip_on_launch=False).",
    evaluate=evaluate,
)
