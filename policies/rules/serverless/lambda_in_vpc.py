"""Lambda functions run attached to a VPC (FSBP Lambda.3)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.serverless import FUNCTION


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    vpc = resource.get("vpcConfig")
    if not vpc or not list(vpc.get("subnetIds") or ()):
        yield Violation("no vpcConfig subnets: the function runs in Lambda's own network with unrestricted "
                        "internet egress; the rule demands vpc_config with subnets and security groups",
                        "vpcConfig.subnetIds")


RULE = ResourceRule(
    id="lambda_in_vpc",
    title="Lambda functions are deployed in a VPC",
    description=(
        "Outside a VPC a function's egress cannot be filtered by security groups, NACLs, flow logs or a "
        "firewall, so exfiltration from a compromised function goes unseen. Lambda@Edge and functions "
        "that need no private resources may be exempted by name."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("Lambda.3",), "seed": ("isolated-and-controlled",)},
    remediation='Set vpc_config={"subnet_ids": <private subnets in two or more AZs>, "security_group_ids": '
                "[...]} on aws.lambda_.Function, with VPC endpoints or NAT for the AWS APIs it calls.",
    resource_types=(FUNCTION,),
    evaluate=evaluate,
)
