"""Exports what another stack (the organization's consumers) reads through a StackReference."""

import pulumi
import pulumi_aws as aws

vpc = aws.ec2.Vpc("shared", cidr_block="10.60.0.0/16")
pulumi.export("vpcId", vpc.id)
pulumi.export("cidr", vpc.cidr_block)
