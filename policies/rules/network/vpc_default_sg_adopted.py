"""Every VPC's default security group is adopted and emptied (CIS 5.4 v3.0 / 5.5 v5.0, FSBP EC2.2)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.exposure import VPC_TYPES
from .._lib.ingress import DEFAULT_SG


def _check(stack: StackView, vpc: ResourceView) -> Iterator[Violation]:
    if not any(stack.refers_to(group, "vpcId", vpc) for group in stack.of_type(DEFAULT_SG)):
        yield Violation(f"VPC {vpc.name}'s default security group is never adopted, so it keeps AWS's rules "
                        "(all egress, all traffic from members); the rule demands an "
                        "aws.ec2.DefaultSecurityGroup for it with no ingress or egress", "id")


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from each_resource(stack.of_type(*VPC_TYPES), lambda vpc: _check(stack, vpc))


RULE = StackRule(
    id="vpc_default_sg_adopted",
    title="Every VPC's default security group is adopted with no rules",
    description=(
        "AWS creates each VPC with a default security group that allows all outbound traffic and all "
        "traffic between its members, and attaches it to anything launched without a group. The group "
        "cannot be deleted; the only way to empty it from the program is aws.ec2.DefaultSecurityGroup "
        "with vpc_id set to the VPC (joined by id, or by dependency during a preview) and no rules. "
        "Whether an adopted group really is empty is default_sg_no_rules' finding."
    ),
    severity=Severity.HIGH,
    frameworks={"cis-aws-3.0": ("5.4",), "cis-aws-5.0": ("5.5",), "aws-fsbp": ("EC2.2",), "seed": ("firewalled",)},
    remediation=(
        "Next to the VPC add aws.ec2.DefaultSecurityGroup(\"<vpc>-default\", vpc_id=vpc.id) with no ingress "
        "or egress arguments (for aws.ec2.DefaultVpc too); give workloads their own security groups."
    ),
    evaluate=evaluate,
)
