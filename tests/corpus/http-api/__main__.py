import json

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
origins = config.require_object("corsOrigins")

items = aws.dynamodb.Table("inventory", billing_mode="PAY_PER_REQUEST", hash_key="sku",
                           attributes=[{"name": "sku", "type": "S"}], stream_enabled=True,
                           stream_view_type="NEW_AND_OLD_IMAGES")

role = aws.iam.Role("inventory-fn", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}))
aws.iam.RolePolicyAttachment("inventory-fn-basic", role=role,
                             policy_arn=aws.iam.ManagedPolicy.AWS_LAMBDA_BASIC_EXECUTION_ROLE)
aws.iam.RolePolicy("inventory-fn-data", role=role, policy=items.arn.apply(lambda arn: json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": [arn, f"{arn}/*"]}],
})))

handler = aws.lambda_.Function(
    "inventory",
    role=role.arn,
    runtime="nodejs20.x",
    handler="index.handler",
    code=pulumi.AssetArchive({"index.js": pulumi.StringAsset("exports.handler = async () => ({statusCode: 200});")}),
    environment={"variables": {"TABLE": items.name}},
)

api = aws.apigatewayv2.Api("inventory", protocol_type="HTTP",
                           cors_configuration={"allow_origins": origins, "allow_methods": ["GET", "PUT"]})
integration = aws.apigatewayv2.Integration("inventory", api_id=api.id, integration_type="AWS_PROXY",
                                           integration_uri=handler.invoke_arn, payload_format_version="2.0")
for route_key in ["GET /items", "GET /items/{sku}", "PUT /items/{sku}"]:
    route_name = route_key.lower().replace(" ", "").replace("/", "-").replace("{", "").replace("}", "")
    aws.apigatewayv2.Route(route_name, api_id=api.id, route_key=route_key,
                           target=integration.id.apply(lambda i: f"integrations/{i}"))

stage_args = {}
if config.get_bool("accessLogs"):
    access = aws.cloudwatch.LogGroup("inventory-api", retention_in_days=90)
    stage_args["access_log_settings"] = aws.apigatewayv2.StageAccessLogSettingsArgs(
        destination_arn=access.arn, format=json.dumps({"requestId": "$context.requestId"}))
stage = aws.apigatewayv2.Stage("default", api_id=api.id, name="$default", auto_deploy=True, **stage_args)

aws.lambda_.Permission("inventory-api", function=handler, action="lambda:InvokeFunction",
                       principal="apigateway.amazonaws.com",
                       source_arn=pulumi.Output.concat(api.execution_arn, "/*/*"))

pulumi.export("endpoint", api.api_endpoint)
