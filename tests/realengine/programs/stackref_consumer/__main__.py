"""Reads the producer's outputs through a StackReference and builds on them."""

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
producer = pulumi.StackReference(cfg.require("producer"))
vpc_id = producer.require_output("vpcId")
aws.ec2.Subnet("app", vpc_id=vpc_id, cidr_block="10.60.1.0/24")
pulumi.export("producerVpcId", vpc_id)
pulumi.export("producerCidr", producer.get_output("cidr"))
