"""Declares its resources through helper functions: a finding points at the helper's line and its
related locations walk out through the callers."""

import pulumi_aws as aws
from edge import PublicEdge


def admin_group(name: str, port: int) -> aws.ec2.SecurityGroup:
    return aws.ec2.SecurityGroup(name, ingress=[aws.ec2.SecurityGroupIngressArgs(
        protocol="tcp", from_port=port, to_port=port, cidr_blocks=["0.0.0.0/0"], description="admin")])


def web_tier() -> None:
    admin_group("web", 22)


web_tier()
PublicEdge("edge", vpc_id="vpc-1")
