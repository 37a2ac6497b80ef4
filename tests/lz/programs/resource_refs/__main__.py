"""Resources passed where an id is expected: the SDK sends resource references, the CLI sends ids."""

import json

import pulumi
import pulumi_aws as aws

vpc = aws.ec2.Vpc("app", cidr_block="10.20.0.0/16")
# vpc_flow_logs_enabled joins the flow log's vpcId to the VPC's id: it passes only if the reference became the id.
logs = aws.cloudwatch.LogGroup("flow", retention_in_days=365)
flow_role = aws.iam.Role("flow", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}}]}))
aws.ec2.FlowLog("app", vpc_id=vpc, traffic_type="ALL", log_destination=logs.arn, iam_role_arn=flow_role.arn)
sg = aws.ec2.SecurityGroup("web", vpc_id=vpc, description="web tier")
aws.vpc.SecurityGroupIngressRule("ssh", security_group_id=sg, cidr_ipv4="0.0.0.0/0", ip_protocol="tcp",
                                 from_port=22, to_port=22, description="admin")
role = aws.iam.Role("fn", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}}]}))
aws.iam.RolePolicyAttachment("basic", role=role,
                             policy_arn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
fn = aws.lambda_.Function("api", role=role.arn, runtime="python3.12", handler="app.handler",
                          code=pulumi.AssetArchive({"app.py": pulumi.StringAsset("def handler(e, c): return e")}))
aws.lambda_.Permission("invoke", function=fn, action="lambda:InvokeFunction", principal="apigateway.amazonaws.com")


class Tier(pulumi.ComponentResource):
    def __init__(self, name: str) -> None:
        super().__init__("acme:app:Tier", name)
        self.register_outputs({})


tier = Tier("web")
# A component passed as a value: the CLI sends its URN.
aws.ssm.Parameter("tier", type="String", value="x", description=tier)  # type: ignore[arg-type]
