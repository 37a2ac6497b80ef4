import json
from pathlib import Path

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
mfa = cfg.require("mfa")

pool = aws.cognito.UserPool(
    "app-users",
    auto_verified_attributes=["email"],
    username_attributes=["email"],
    mfa_configuration=mfa,
    software_token_mfa_configuration={"enabled": True} if mfa != "OFF" else None,
    password_policy={"minimum_length": 12 if mfa == "ON" else 8, "require_symbols": mfa == "ON",
                     "require_numbers": True, "require_uppercase": True, "require_lowercase": True},
    user_pool_add_ons={"advanced_security_mode": cfg.get("advancedSecurity") or "OFF"},
    deletion_protection="ACTIVE" if mfa == "ON" else "INACTIVE",
)
client = aws.cognito.UserPoolClient("mobile", user_pool_id=pool.id, generate_secret=False,
                                    allowed_oauth_flows=["code"], allowed_oauth_flows_user_pool_client=True,
                                    allowed_oauth_scopes=["openid", "email"], supported_identity_providers=["COGNITO"],
                                    callback_urls=cfg.require_object("callbackUrls"))

notes = aws.dynamodb.Table("notes", hash_key="id", attributes=[{"name": "id", "type": "S"}],
                           billing_mode="PAY_PER_REQUEST", point_in_time_recovery={"enabled": True})

log_role = aws.iam.Role("appsync-logs", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "appsync.amazonaws.com"}, "Action": "sts:AssumeRole"}]}),
    managed_policy_arns=["arn:aws:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs"])

api = aws.appsync.GraphQLApi(
    "notes",
    authentication_type="AMAZON_COGNITO_USER_POOLS",
    user_pool_config={"user_pool_id": pool.id, "default_action": "ALLOW", "aws_region": aws.config.region},
    additional_authentication_providers=[{"authentication_type": "API_KEY"}],
    schema=(Path(__file__).parent / "schema.graphql").read_text(),
    log_config={"cloudwatch_logs_role_arn": log_role.arn, "field_log_level": "ERROR"},
    xray_enabled=mfa == "ON",
)
aws.appsync.ApiKey("notes-dev-key", api_id=api.id)

ds_role = aws.iam.Role("notes-ds", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "appsync.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicy("notes-ds", role=ds_role.id, policy=notes.arn.apply(lambda arn: json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"], "Resource": arn}]})))
source = aws.appsync.DataSource("notes", api_id=api.id, name="notes", type="AMAZON_DYNAMODB",
                                service_role_arn=ds_role.arn, dynamodb_config={"table_name": notes.name})

KEY = '"key":{"id":$util.dynamodb.toDynamoDBJson($ctx.args.id)}'
for type_name, field, template in [
    ("Query", "note", '{"version":"2017-02-28","operation":"GetItem",' + KEY + "}"),
    ("Mutation", "saveNote", '{"version":"2017-02-28","operation":"PutItem",' + KEY
     + ',"attributeValues":$util.dynamodb.toMapValuesJson($ctx.args)}'),
]:
    aws.appsync.Resolver(f"{type_name}-{field}".lower(), api_id=api.id, type=type_name, field=field,
                         data_source=source.name, request_template=template,
                         response_template="$util.toJson($ctx.result)")

pulumi.export("graphqlUrl", api.uris["GRAPHQL"])
pulumi.export("userPoolClientId", client.id)
