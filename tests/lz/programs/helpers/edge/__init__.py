"""A program-local component: its lines are the program's own, so findings point into it."""

import pulumi
import pulumi_aws as aws


class PublicEdge(pulumi.ComponentResource):
    def __init__(self, name: str, vpc_id: str, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("helpers:edge:PublicEdge", name, None, opts)
        self.subnet = aws.ec2.Subnet(
            f"{name}-public", vpc_id=vpc_id, cidr_block="10.0.1.0/24", map_public_ip_on_launch=True,
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.register_outputs({})
