import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
jwt = aws.secretsmanager.get_secret_version(secret_id=cfg.require("jwtSecretId"))

connections = aws.dynamodb.Table("chat-connections", hash_key="connectionId", billing_mode="PAY_PER_REQUEST",
                                 attributes=[{"name": "connectionId", "type": "S"}],
                                 ttl={"attribute_name": "expiresAt", "enabled": True})

role = aws.iam.Role("chat", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicy("chat", role=role.id, policy=pulumi.Output.json_dumps({
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Scan"],
         "Resource": connections.arn},
        {"Effect": "Allow", "Action": "execute-api:ManageConnections", "Resource": "*"},
    ]}))

code = pulumi.AssetArchive({"chat.py": pulumi.StringAsset("def handler(e, c):\n    return {'statusCode': 200}\n")})
api = aws.apigatewayv2.Api("chat", protocol_type="WEBSOCKET", route_selection_expression="$request.body.action")

functions = {}
for route in ["$connect", "$disconnect", "sendMessage"]:
    name = route.strip("$").lower()
    fn = aws.lambda_.Function(f"chat-{name}", role=role.arn, runtime="python3.12", handler="chat.handler",
                              code=code, environment={"variables": {"TABLE": connections.name}})
    integration = aws.apigatewayv2.Integration(f"chat-{name}", api_id=api.id, integration_type="AWS_PROXY",
                                               integration_uri=fn.invoke_arn)
    functions[route] = (fn, integration)

authorizer_fn = aws.lambda_.Function("chat-authorizer", role=role.arn, runtime="python3.12", handler="chat.handler",
                                     code=code, environment={"variables": {"JWT_SECRET": jwt.secret_string}})
authorizer = aws.apigatewayv2.Authorizer("chat", api_id=api.id, authorizer_type="REQUEST",
                                         authorizer_uri=authorizer_fn.invoke_arn,
                                         identity_sources=["route.request.querystring.token"])

for route, (fn, integration) in functions.items():
    aws.apigatewayv2.Route(
        f"chat-{route.strip('$').lower()}", api_id=api.id, route_key=route,
        target=pulumi.Output.concat("integrations/", integration.id),
        authorization_type="CUSTOM" if route == "$connect" else "NONE",
        authorizer_id=authorizer.id if route == "$connect" else None)
    aws.lambda_.Permission(f"chat-{route.strip('$').lower()}", function=fn, action="lambda:InvokeFunction",
                           principal="apigateway.amazonaws.com",
                           source_arn=pulumi.Output.concat(api.execution_arn, "/*"))

aws.apigatewayv2.Stage("chat", api_id=api.id, name="live", auto_deploy=True,
                       default_route_settings={"throttling_burst_limit": 100, "throttling_rate_limit": 50})

pulumi.export("wss", api.api_endpoint)
