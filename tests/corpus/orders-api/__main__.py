"""Orders service: REST API (v1) -> Lambda -> DynamoDB."""

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
stage_name = cfg.require("stage")
retention = cfg.get_int("logRetentionDays") or 14
tracing = cfg.get_bool("tracing") or False

table = aws.dynamodb.Table(
    "orders",
    billing_mode="PAY_PER_REQUEST",
    hash_key="pk",
    range_key="sk",
    attributes=[
        aws.dynamodb.TableAttributeArgs(name="pk", type="S"),
        aws.dynamodb.TableAttributeArgs(name="sk", type="S"),
    ],
    point_in_time_recovery=aws.dynamodb.TablePointInTimeRecoveryArgs(enabled=cfg.require_bool("pointInTimeRecovery")),
    server_side_encryption=aws.dynamodb.TableServerSideEncryptionArgs(enabled=True),
    tags={"team": "orders", "stage": stage_name},
)

assume = aws.iam.get_policy_document(statements=[
    aws.iam.GetPolicyDocumentStatementArgs(
        actions=["sts:AssumeRole"],
        principals=[aws.iam.GetPolicyDocumentStatementPrincipalArgs(
            type="Service", identifiers=["lambda.amazonaws.com"])],
    )
])
role = aws.iam.Role("orders-fn", assume_role_policy=assume.json)
aws.iam.RolePolicyAttachment("orders-fn-logs", role=role.name,
                             policy_arn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")

table_access = aws.iam.get_policy_document_output(statements=[
    aws.iam.GetPolicyDocumentStatementArgs(
        actions=["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
        resources=[table.arn, pulumi.Output.concat(table.arn, "/index/*")],
    )
])
aws.iam.RolePolicy("orders-fn-table", role=role.id, policy=table_access.json)

logs = aws.cloudwatch.LogGroup("orders-fn", name="/aws/lambda/orders-" + stage_name, retention_in_days=retention)

fn = aws.lambda_.Function(
    "orders",
    runtime="python3.12",
    handler="handler.main",
    role=role.arn,
    timeout=10,
    memory_size=256,
    code=pulumi.AssetArchive({
        "handler.py": pulumi.StringAsset("def main(event, ctx):\n    return {'statusCode': 200}\n")}),
    environment=aws.lambda_.FunctionEnvironmentArgs(variables={"TABLE_NAME": table.name, "STAGE": stage_name}),
    tracing_config=aws.lambda_.FunctionTracingConfigArgs(mode="Active" if tracing else "PassThrough"),
    logging_config=aws.lambda_.FunctionLoggingConfigArgs(log_format="JSON", log_group=logs.name),
)

api = aws.apigateway.RestApi("orders", description=f"orders API ({stage_name})",
                             endpoint_configuration=aws.apigateway.RestApiEndpointConfigurationArgs(types="REGIONAL"))
orders = aws.apigateway.Resource("orders", rest_api=api.id, parent_id=api.root_resource_id, path_part="orders")
proxy = aws.apigateway.Resource("order", rest_api=api.id, parent_id=orders.id, path_part="{orderId}")

methods = []
for label, resource, verb in [("list", orders, "GET"), ("create", orders, "POST"), ("get", proxy, "GET")]:
    method = aws.apigateway.Method(label, rest_api=api.id, resource_id=resource.id, http_method=verb,
                                   authorization="AWS_IAM" if verb == "POST" else "NONE")
    integration = aws.apigateway.Integration(
        label, rest_api=api.id, resource_id=resource.id, http_method=method.http_method,
        integration_http_method="POST", type="AWS_PROXY", uri=fn.invoke_arn)
    methods.append(integration)

aws.lambda_.Permission(
    "apigw-invoke", action="lambda:InvokeFunction", function=fn.name, principal="apigateway.amazonaws.com",
    source_arn=api.execution_arn.apply(lambda arn: f"{arn}/*/*"))

deployment = aws.apigateway.Deployment("orders", rest_api=api.id,
                                       opts=pulumi.ResourceOptions(depends_on=methods))
access_logs = aws.cloudwatch.LogGroup("orders-api-access", retention_in_days=retention)
stage = aws.apigateway.Stage(
    "orders", rest_api=api.id, deployment=deployment.id, stage_name=stage_name,
    xray_tracing_enabled=tracing,
    access_log_settings=aws.apigateway.StageAccessLogSettingsArgs(
        destination_arn=access_logs.arn, format='{"requestId":"$context.requestId","status":"$context.status"}'),
)
aws.apigateway.MethodSettings("orders-all", rest_api=api.id, stage_name=stage.stage_name, method_path="*/*",
                              settings=aws.apigateway.MethodSettingsSettingsArgs(
                                  logging_level="INFO", metrics_enabled=True, caching_enabled=stage_name == "prod",
                                  cache_data_encrypted=True))

pulumi.export("url", stage.invoke_url)
pulumi.export("tableArn", table.arn)
