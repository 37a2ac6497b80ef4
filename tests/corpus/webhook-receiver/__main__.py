# quick webhook endpoint for the payments team - TODO lock down before GA
import json

import pulumi
import pulumi_aws as aws

conf = pulumi.Config()

role = aws.iam.Role("webhook", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}))
aws.iam.RolePolicyAttachment("webhook-admin", role=role.name, policy_arn="arn:aws:iam::aws:policy/AdministratorAccess")

queue = aws.sqs.Queue("webhook-events")

fn = aws.lambda_.Function(
    "webhook",
    role=role.arn,
    runtime="python3.8",
    handler="main.handler",
    code=pulumi.AssetArchive({"main.py": pulumi.StringAsset("def handler(e, c):\n    return 'ok'\n")}),
    environment=aws.lambda_.FunctionEnvironmentArgs(variables={
        "SIGNING_SECRET": conf.require("signingSecret"),
        "QUEUE_URL": queue.url,
        "AWS_SECRET_ACCESS_KEY_FALLBACK": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    }),
)
url = aws.lambda_.FunctionUrl("webhook", function_name=fn.name, authorization_type="NONE",
                              cors=aws.lambda_.FunctionUrlCorsArgs(allow_origins=["*"], allow_methods=["*"]))
aws.lambda_.Permission("public-url", function=fn.name, action="lambda:InvokeFunctionUrl", principal="*",
                       function_url_auth_type="NONE")

pulumi.export("webhookUrl", url.function_url)
