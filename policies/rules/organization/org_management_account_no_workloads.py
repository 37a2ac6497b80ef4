"""The management account runs no workloads: no compute, networks or databases in it."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, StackRule, StackView, Violation
from .._lib.organizations import account_of, organizations

#: What counts as a workload: compute, networks and databases (their main resource types).
WORKLOAD_TYPES: tuple[str, ...] = (
    "aws:ec2/instance:Instance", "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
    "aws:autoscaling/group:Group", "aws:ecs/cluster:Cluster", "aws:ecs/service:Service",
    "aws:eks/cluster:Cluster", "aws:lambda/function:Function", "aws:batch/computeEnvironment:ComputeEnvironment",
    "aws:lightsail/instance:Instance", "aws:elasticbeanstalk/environment:Environment",
    "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/natGateway:NatGateway", "aws:ec2transitgateway/transitGateway:TransitGateway",
    "aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer", "aws:elb/loadBalancer:LoadBalancer",
    "aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:dynamodb/table:Table",
    "aws:redshift/cluster:Cluster", "aws:elasticache/cluster:Cluster",
    "aws:elasticache/replicationGroup:ReplicationGroup", "aws:docdb/cluster:Cluster",
    "aws:neptune/cluster:Cluster", "aws:opensearch/domain:Domain",
)


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    orgs = organizations(stack)
    if not orgs:
        return
    management = {account_of(o) for o in orgs}
    for resource in stack.of_type(*WORKLOAD_TYPES):
        if account_of(resource) in management:
            where = resource.region or "the stack's region"
            yield Violation(f"{resource.type.rsplit(':', 1)[-1]} {resource.name} is a workload in the management "
                            f"account ({where}); deploy it into a member account through that account's provider",
                            urn=resource.urn)


RULE = StackRule(
    id="org_management_account_no_workloads",
    title="The management account is not used for workloads",
    description=("The management account is exempt from SCPs and can change the whole organization: compute, "
                 "networks and databases there are out of every guardrail's reach."),
    severity=Severity.HIGH,
    frameworks={"cis-aws-7.0": ("2.1.3",), "seed": ("isolated-accounts",)},
    remediation=("Move the resource to a member account: give it an aws.Provider that assumes the member "
                 "account's role (assume_roles=[{\"role_arn\": accounts[<name>].roleArn}])."),
    evaluate=evaluate,
)
