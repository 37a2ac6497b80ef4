"""The VPC's default security group carries no rules (CIS 5.4)."""

from collections.abc import Iterator, Mapping
from typing import Any

from framework import ResourceView, Rule, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    for direction in ("ingress", "egress"):
        entries = resource.get(direction) or ()
        if len(entries):
            yield Violation(f"default security group has {len(entries)} {direction} rule(s)", direction)


RULE = Rule(
    id="default_sg_no_rules",
    title="Default security groups restrict all traffic",
    description="Anything launched without an explicit group lands in the default SG; it must admit nothing.",
    severity=Severity.HIGH,
    frameworks={"cis-aws-3.0": ("5.4",), "seed": ("firewalled",)},
    remediation="Adopt the default SG with aws.ec2.DefaultSecurityGroup(vpc_id=...) and no ingress/egress.",
    resource_types=("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",),
    evaluate=evaluate,
)
