"""An app team's stack with SSH open to the world: the pack must block it under the real CLI."""

import pulumi
import pulumi_aws as aws

vpc = aws.ec2.Vpc("app", cidr_block="10.42.0.0/16", tags={"Name": "app"})
bastion = aws.ec2.SecurityGroup(
    "bastion",
    vpc_id=vpc.id,
    description="bastion access",
    ingress=[aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=22, to_port=22,
                                              cidr_blocks=["0.0.0.0/0"])],
)
pulumi.export("sg", bastion.id)
