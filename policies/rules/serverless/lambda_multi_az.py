"""VPC-attached Lambda functions span more than one Availability Zone (FSBP Lambda.5)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.serverless import FUNCTION
from .._lib.zones import subnet_zones


def _check(stack: StackView, function: ResourceView) -> Iterator[Violation]:
    vpc = function.get("vpcConfig")
    if not vpc:
        return  # not VPC-attached: lambda_in_vpc judges that
    raw = vpc.get("subnetIds") or ()
    count = len(raw)
    if count == 0:
        return
    if count < 2:
        yield Violation("vpcConfig names one subnet, so the function runs in a single Availability Zone; the rule "
                        "demands subnets in at least two AZs", "vpcConfig.subnetIds")
        return
    found = subnet_zones(stack, function, "vpcConfig", raw)
    if found.undecided is not None:
        yield Violation(f"cannot decide: subnet {found.undecided.name} leaves its Availability Zone to AWS",
                        "vpcConfig.subnetIds")
    elif found.zones is not None and len(found.zones) < 2:
        yield Violation(f"all {count} subnets are in {sorted(found.zones)}; the rule demands subnets in at least "
                        "two Availability Zones", "vpcConfig.subnetIds")


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from each_resource(stack.of_type(FUNCTION), lambda function: _check(stack, function))


RULE = StackRule(
    id="lambda_multi_az",
    title="VPC Lambda functions operate in more than one Availability Zone",
    description=(
        "A function attached to subnets of one AZ stops when that AZ does. Fails with one subnet, or when "
        "every named subnet is declared in this stack in the same AZ; subnets from outside the stack "
        "(landing-zone subnets passed by id) are trusted to be spread. Functions outside a VPC are "
        "lambda_in_vpc's concern."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Lambda.5",), "seed": ("high-availability",)},
    remediation='Give vpc_config.subnet_ids private subnets in two or more Availability Zones '
                "(the landing zone's per-AZ app subnets).",
    evaluate=evaluate,
)
