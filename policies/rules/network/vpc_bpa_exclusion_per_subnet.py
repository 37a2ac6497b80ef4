"""VPC Block Public Access exclusions name subnets, never a whole VPC."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

EXCLUSION = "aws:ec2/vpcBlockPublicAccessExclusion:VpcBlockPublicAccessExclusion"


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    # Exactly one of vpcId and subnetId is set (the provider refuses both and neither). An exclusion
    # of the VPC lets every subnet of it, the private tiers included, past the account's BPA mode.
    if resource.get("vpcId") is not None:
        both = resource.get("internetGatewayExclusionMode") == "allow-bidirectional"
        what = "be reached from the internet and reach it" if both else "reach the internet"
        yield Violation("the exclusion names a whole VPC: every subnet in it, private tiers included, can "
                        f"{what} through the internet gateway despite Block Public Access", "vpcId")


RULE = ResourceRule(
    id="vpc_bpa_exclusion_per_subnet",
    title="VPC Block Public Access exclusions name subnets, not whole VPCs",
    description="The organization turns VPC Block Public Access on in every member account as the backstop "
                "under security groups and NACLs; an exclusion opens only the public subnets that need the "
                "internet gateway (a public load balancer, NAT gateways), never a whole VPC.",
    severity=Severity.HIGH,
    frameworks={"seed": ("isolated-and-controlled",)},
    remediation="Give aws.ec2.VpcBlockPublicAccessExclusion a subnet_id (one exclusion per public subnet) "
                "instead of vpc_id, with internet_gateway_exclusion_mode=\"allow-egress\" where only NAT "
                "gateways sit.",
    resource_types=(EXCLUSION,),
    evaluate=evaluate,
)
