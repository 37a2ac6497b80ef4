import json

import pulumi
import pulumi_aws as aws
from netlib import Island

config = pulumi.Config()
flags = json.loads(config.require("flags")) if False else config.require_object("flags")
zones = aws.get_availability_zones(state="available")
island = Island("core", config.require("vpcCidr"), zones.names[: int(flags["azs"])])

key = aws.kms.Key("audit-key", description="audit", enable_key_rotation=True,
                  opts=pulumi.ResourceOptions(protect=True))
logs = aws.cloudwatch.LogGroup("flow-logs", retention_in_days=365, kms_key_id=key.arn,
                               opts=pulumi.ResourceOptions(retain_on_delete=True, depends_on=[island]))
doc = aws.iam.get_policy_document(statements=[aws.iam.GetPolicyDocumentStatementArgs(
    actions=["sts:AssumeRole"],
    principals=[aws.iam.GetPolicyDocumentStatementPrincipalArgs(type="Service",
                                                                identifiers=["vpc-flow-logs.amazonaws.com"])],
)])
role = aws.iam.Role("flow-logs-role", assume_role_policy=doc.json)
me = aws.get_caller_identity()

pulumi.export("vpcId", island.vpc.id)
pulumi.export("vpcArn", island.vpc.arn)
pulumi.export("defaultSgId", island.vpc.default_security_group_id)
pulumi.export("account", me.account_id)
pulumi.export("logGroupArn", logs.arn)
pulumi.export("env", config.require("env"))
