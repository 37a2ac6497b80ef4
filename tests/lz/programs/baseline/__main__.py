"""A base branch with debt: SSH open to the world (mandatory) and a subnet giving public IPs (advisory)."""

import pulumi_aws as aws

aws.ec2.SecurityGroup("admin", description="admin access", ingress=[aws.ec2.SecurityGroupIngressArgs(
    protocol="tcp", from_port=22, to_port=22, cidr_blocks=["0.0.0.0/0"], description="ssh")])
aws.ec2.Subnet("edge", vpc_id="vpc-1", cidr_block="10.0.1.0/24", map_public_ip_on_launch=True)
aws.ec2.Subnet("private", vpc_id="vpc-1", cidr_block="10.0.2.0/24", tags={"tier": "app"})
aws.ec2.Subnet("legacy", vpc_id="vpc-1", cidr_block="10.0.3.0/24")
