"""The VPC's default security group carries no rules (CIS 5.4 v3.0 / 5.5 v5.0, FSBP EC2.2)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    for direction in ("ingress", "egress"):
        entries = resource.get(direction) or ()
        if len(entries):
            yield Violation(f"default security group has {len(entries)} {direction} rule(s); the rule demands none",
                            direction)


RULE = ResourceRule(
    id="default_sg_no_rules",
    title="Default security groups restrict all traffic",
    description=(
        "Anything launched without an explicit group lands in the default SG; it must admit nothing. "
        "Judges a declared aws.ec2.DefaultSecurityGroup; a VPC whose default group is never adopted "
        "(AWS then keeps its allow-all-egress and allow-from-itself rules) is vpc_default_sg_adopted's finding."
    ),
    severity=Severity.HIGH,
    frameworks={"cis-aws-3.0": ("5.4",), "cis-aws-5.0": ("5.5",), "aws-fsbp": ("EC2.2",), "seed": ("firewalled",)},
    remediation="Adopt the default SG with aws.ec2.DefaultSecurityGroup(vpc_id=...) and no ingress/egress.",
    resource_types=("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",),
    evaluate=evaluate,
)
