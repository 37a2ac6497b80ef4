"""Calls invokes lz has no answer for: the gate must say its verdict is incomplete, and where."""

import pulumi
import pulumi_aws as aws

instance = aws.ec2.get_instance(instance_id="i-0123456789abcdef0")
engine = aws.rds.get_engine_version_output(engine="postgres")
aws.ec2.SecurityGroup("app", description="app tier", vpc_id="vpc-1")
pulumi.export("az", instance.availability_zone)
pulumi.export("pg", engine.version)
