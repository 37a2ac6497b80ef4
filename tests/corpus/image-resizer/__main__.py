import json

import pulumi
import pulumi_aws as aws

widths = pulumi.Config().require_object("widths")

vpc = aws.ec2.Vpc("resizer", cidr_block="10.90.0.0/16", enable_dns_hostnames=True)
subnet_a = aws.ec2.Subnet("resizer-a", vpc_id=vpc, cidr_block="10.90.1.0/24", availability_zone="us-east-1a")
subnet_b = aws.ec2.Subnet("resizer-b", vpc_id=vpc, cidr_block="10.90.2.0/24", availability_zone="us-east-1b")
sg = aws.ec2.SecurityGroup("resizer", vpc_id=vpc, description="resizer functions")
aws.vpc.SecurityGroupEgressRule("resizer-https", security_group_id=sg, ip_protocol="tcp", from_port=443,
                                to_port=443, cidr_ipv4="0.0.0.0/0", description="S3 over HTTPS")
aws.ec2.VpcEndpoint("resizer-s3", vpc_id=vpc, service_name="com.amazonaws.us-east-1.s3")

originals = aws.s3.Bucket("originals")
resized = aws.s3.Bucket("resized")
for b in (originals, resized):
    aws.s3.BucketPublicAccessBlock(b._name, bucket=b, block_public_acls=True, block_public_policy=True,
                                   ignore_public_acls=True, restrict_public_buckets=True)

role = aws.iam.Role("resizer", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicyAttachment("resizer-vpc", role=role,
                             policy_arn="arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole")
aws.iam.RolePolicy("resizer-s3", role=role, policy=pulumi.Output.all(originals.arn, resized.arn).apply(
    lambda a: json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"{a[0]}/*"},
        {"Effect": "Allow", "Action": "s3:PutObject", "Resource": f"{a[1]}/*"}]})))
profile = aws.iam.InstanceProfile("resizer-debug", role=role)

for width in widths:
    fn = aws.lambda_.Function(
        f"resize-{width}", role=role.arn, runtime="python3.12", handler="resize.handler", memory_size=1024,
        code=pulumi.AssetArchive({"resize.py": pulumi.StringAsset("def handler(e, c):\n    return e\n")}),
        environment={"variables": {"WIDTH": str(width), "TARGET": resized.bucket}},
        vpc_config={"subnet_ids": [subnet_a.id, subnet_b.id], "security_group_ids": [sg.id]},
        tracing_config={"mode": "Active"},
    )
    aws.lambda_.Permission(f"resize-{width}-s3", function=fn, action="lambda:InvokeFunction",
                           principal="s3.amazonaws.com", source_arn=originals.arn)
    aws.cloudwatch.MetricAlarm(f"resize-{width}-errors", comparison_operator="GreaterThanThreshold",
                               evaluation_periods=1, metric_name="Errors", namespace="AWS/Lambda", period=300,
                               statistic="Sum", threshold=0, dimensions={"FunctionName": fn.name})

pulumi.export("vpc", vpc.id)
pulumi.export("instanceProfile", profile.arn)
