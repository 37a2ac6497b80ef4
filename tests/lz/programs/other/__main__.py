"""Reads outputs of other resources and calls invokes without a mock."""

import pulumi
import pulumi_aws as aws

vpc = aws.ec2.Vpc("main", cidr_block="10.0.0.0/16")
sg = aws.ec2.SecurityGroup("web", vpc_id=vpc.id, description="web tier")
rule = aws.vpc.SecurityGroupIngressRule(
    "https", security_group_id=sg.id, cidr_ipv4="0.0.0.0/0", ip_protocol="tcp", from_port=443, to_port=443
)
endpoint = aws.ec2.VpcEndpoint("s3", vpc_id=vpc.id, service_name="com.amazonaws.ap-southeast-2.s3")
ami = aws.ssm.get_parameter(name="/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64")
aws.ec2.get_instance_output(instance_id=vpc.id)  # not mocked: must be recorded, not fail
secret_param = aws.ssm.Parameter("token", type="SecureString", value=pulumi.Output.secret("hunter2"))
pulumi.export("defaultSgId", vpc.default_security_group_id)
pulumi.export("prefixList", endpoint.prefix_list_id)
pulumi.export("ami", ami.value)
pulumi.export("sgName", sg.name)
