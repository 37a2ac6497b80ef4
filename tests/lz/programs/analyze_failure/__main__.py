"""One resource the pack cannot read (see pack/), beside ones it judges: their verdicts must survive."""

import pulumi_aws as aws

aws.ec2.SecurityGroup("poison", description="the pack's rule crashes on this one", vpc_id="vpc-1")
aws.ec2.SecurityGroup("open", description="public ssh", vpc_id="vpc-1", ingress=[aws.ec2.SecurityGroupIngressArgs(
    protocol="tcp", from_port=22, to_port=22, cidr_blocks=["0.0.0.0/0"], description="admin")])
aws.ec2.SecurityGroup("closed", description="private", vpc_id="vpc-1")
