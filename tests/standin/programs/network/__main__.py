"""A VPC, a subnet, a role with secret tags and two invokes; STANDIN_TAG / STANDIN_CIDR vary it."""

import os

import pulumi
import pulumi_aws as aws

vpc = aws.ec2.Vpc("core", cidr_block="10.0.0.0/16", tags={"Name": os.environ.get("STANDIN_TAG", "core")})
subnet = aws.ec2.Subnet("app", vpc_id=vpc.id, cidr_block=os.environ.get("STANDIN_CIDR", "10.0.1.0/24"),
                        availability_zone="eu-west-1b")
role = aws.iam.Role("flow-logs", assume_role_policy="{}", tags=pulumi.Output.secret({"owner": "platform"}))
bucket = aws.s3.Bucket("archive")

pulumi.export("vpcArn", vpc.arn)
pulumi.export("subnetZoneId", subnet.availability_zone_id)
pulumi.export("roleArn", role.arn)
pulumi.export("roleTags", role.tags_all)
pulumi.export("bucketDomain", bucket.bucket_regional_domain_name)
pulumi.export("account", aws.get_caller_identity().account_id)
pulumi.export("zones", aws.get_availability_zones().names)
