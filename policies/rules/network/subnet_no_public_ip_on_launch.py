"""Subnets do not hand out public IPs on launch."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

SUBNET = "aws:ec2/subnet:Subnet"
DEFAULT_SUBNET = "aws:ec2/defaultSubnet:DefaultSubnet"


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    value = resource.get("mapPublicIpOnLaunch")
    # AWS default subnets map public IPs unless told otherwise; ordinary subnets do not.
    if value is True or (value is None and resource.type == DEFAULT_SUBNET):
        yield Violation("instances launched here get a public IP", "mapPublicIpOnLaunch")


RULE = ResourceRule(
    id="subnet_no_public_ip_on_launch",
    title="Subnets do not assign public IPs on launch",
    description="Public addresses must be deliberate (an EIP on an edge resource), never a subnet default.",
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("EC2.15",), "seed": ("isolated-and-controlled",)},
    remediation="Set map_public_ip_on_launch=False; put internet-facing services behind a load balancer.",
    resource_types=(SUBNET, DEFAULT_SUBNET),
    evaluate=evaluate,
)
