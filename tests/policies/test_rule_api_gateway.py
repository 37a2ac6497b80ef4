"""API Gateway v1 (REST) and v2 (HTTP/WebSocket) rules: FSBP APIGateway.1-5, 8, 9 and REST methods."""

from typing import Any

import pulumi_aws as aws
from fixtures import unknown
from harness import violations

from lz.mock_engine import run_function

LOGS = "arn:aws:logs:us-east-1:123456789012:log-group:api-access"
ACL = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/1"


def rest_stage(name: str, api: aws.apigateway.RestApi, **kwargs: Any) -> aws.apigateway.Stage:
    deployment = aws.apigateway.Deployment(f"{name}-deployment", rest_api=api.id)
    return aws.apigateway.Stage(name, rest_api=api.id, deployment=deployment.id, stage_name=name, **kwargs)


def method_settings(name: str, api: aws.apigateway.RestApi, stage: Any, path: str = "*/*",
                    **settings: Any) -> aws.apigateway.MethodSettings:
    return aws.apigateway.MethodSettings(name, rest_api=api.id, stage_name=stage, method_path=path,
                                         settings=aws.apigateway.MethodSettingsSettingsArgs(**settings))


def test_execution_logging_rest_and_websocket() -> None:
    def program() -> None:
        api = aws.apigateway.RestApi("orders")
        logged = rest_stage("ok-logged", api)
        method_settings("logged-all", api, logged.stage_name, logging_level="ERROR")
        rest_stage("ok-by-literal-name", api)  # joined by rest_api and stage_name values
        method_settings("literal-all", api, "ok-by-literal-name", logging_level="INFO")
        rest_stage("no-settings", api)
        off = rest_stage("logging-off", api)
        method_settings("off-all", api, off.stage_name, logging_level="OFF")
        partly = rest_stage("ok-partly", api)
        method_settings("partly-all", api, partly.stage_name, logging_level="INFO")
        method_settings("partly-override", api, partly.stage_name, path="orders/GET", logging_level="OFF")
        ws = aws.apigatewayv2.Api("chat", protocol_type="WEBSOCKET", route_selection_expression="$request.body.a")
        aws.apigatewayv2.Stage("ok-ws-logged", api_id=ws.id, default_route_settings=aws.apigatewayv2.
                               StageDefaultRouteSettingsArgs(logging_level="ERROR"))
        aws.apigatewayv2.Stage("ws-unlogged", api_id=ws.id)
        http = aws.apigatewayv2.Api("web", protocol_type="HTTP")
        aws.apigatewayv2.Stage("ok-http-stage", api_id=http.id)

    found = violations("apigw_execution_logging", run_function(program))
    assert set(found) == {"no-settings", "logging-off", "partly-override", "ws-unlogged"}
    assert "MethodSettings for */*" in found["no-settings"][0].message
    assert found["ws-unlogged"][0].property == "defaultRouteSettings.loggingLevel"


def test_rest_stage_client_certificate_and_xray() -> None:
    def program() -> None:
        api = aws.apigateway.RestApi("orders")
        cert = aws.apigateway.ClientCertificate("backend")
        rest_stage("ok-both", api, client_certificate_id=cert.id, xray_tracing_enabled=True)
        rest_stage("neither", api)
        rest_stage("xray-off", api, client_certificate_id=cert.id, xray_tracing_enabled=False)

    graph = run_function(program)
    assert set(violations("apigw_rest_stage_client_certificate", graph)) == {"neither"}
    xray = violations("apigw_rest_stage_xray_tracing", graph)
    assert set(xray) == {"neither", "xray-off"}
    assert xray["xray-off"][0].property == "xrayTracingEnabled"


def test_rest_stage_waf() -> None:
    def program() -> None:
        api = aws.apigateway.RestApi("orders")
        by_output = rest_stage("ok-by-output", api)
        aws.wafv2.WebAclAssociation("by-output", resource_arn=by_output.arn, web_acl_arn=ACL)
        rest_stage("ok-by-literal", api)  # joined by the ARN's /restapis/<id>/stages/<name> suffix
        aws.wafv2.WebAclAssociation("literal", web_acl_arn=ACL, resource_arn=api.id.apply(
            lambda i: f"arn:aws:apigateway:us-east-1::/restapis/{i}/stages/ok-by-literal"))
        rest_stage("no-waf", api)

    found = violations("apigw_rest_stage_waf", run_function(program))
    assert set(found) == {"no-waf"}
    assert found["no-waf"][0].message == "REST stage no-waf has no WAF web ACL association"


def test_rest_cache_encrypted() -> None:
    def program() -> None:
        api = aws.apigateway.RestApi("orders")
        ok = rest_stage("ok-encrypted", api, cache_cluster_enabled=True, cache_cluster_size="0.5")
        method_settings("enc-all", api, ok.stage_name, caching_enabled=True, cache_data_encrypted=True)
        rest_stage("cache-no-settings", api, cache_cluster_enabled=True, cache_cluster_size="0.5")
        plain = rest_stage("cache-unencrypted", api, cache_cluster_enabled=True, cache_cluster_size="0.5")
        method_settings("plain-all", api, plain.stage_name, caching_enabled=True)
        mixed = rest_stage("ok-mixed", api, cache_cluster_enabled=True, cache_cluster_size="0.5")
        method_settings("mixed-all", api, mixed.stage_name, caching_enabled=True, cache_data_encrypted=True)
        method_settings("mixed-override", api, mixed.stage_name, path="orders/GET", caching_enabled=True)
        rest_stage("ok-no-cache", api)

    found = violations("apigw_rest_cache_encrypted", run_function(program))
    assert set(found) == {"cache-no-settings", "cache-unencrypted", "mixed-override"}
    assert found["mixed-override"][0].property == "settings.cacheDataEncrypted"


def test_route_authorization() -> None:
    def program() -> None:
        http = aws.apigatewayv2.Api("web", protocol_type="HTTP")
        route = aws.apigatewayv2.Route
        route("ok-jwt", api_id=http.id, route_key="GET /orders", authorization_type="JWT", authorizer_id="a1")
        route("ok-iam", api_id=http.id, route_key="POST /orders", authorization_type="AWS_IAM")
        route("open", api_id=http.id, route_key="DELETE /orders")
        route("open-default", api_id=http.id, route_key="$default", authorization_type="NONE")
        route("ok-preflight", api_id=http.id, route_key="OPTIONS /orders")
        ws = aws.apigatewayv2.Api("chat", protocol_type="WEBSOCKET", route_selection_expression="$request.body.a")
        route("ws-open-connect", api_id=ws.id, route_key="$connect")
        route("ok-ws-message", api_id=ws.id, route_key="sendMessage")
        route("ok-ws-default", api_id=ws.id, route_key="$default")
        aws.apigatewayv2.Api("quick", protocol_type="HTTP", target="arn:aws:lambda:us-east-1:1:function:f")
        route("elsewhere-open", api_id="a1b2c3", route_key="GET /x")

    graph = run_function(program)
    found = violations("apigw_route_authorization", graph)
    assert set(found) == {"open", "open-default", "ws-open-connect", "quick", "elsewhere-open"}
    assert found["open"][0].message == "route DELETE /orders authorization_type is NONE; the rule demands AWS_IAM, " \
                                       "JWT or CUSTOM"
    strict = violations("apigw_route_authorization", graph, {"allow_unauthenticated_options": False})
    assert "ok-preflight" in strict


def test_rest_method_authorization() -> None:
    def program() -> None:
        api = aws.apigateway.RestApi("orders")
        res = aws.apigateway.Resource("orders-res", rest_api=api.id, parent_id=api.root_resource_id, path_part="o")
        method = aws.apigateway.Method
        method("ok-iam", rest_api=api.id, resource_id=res.id, http_method="GET", authorization="AWS_IAM")
        method("open-post", rest_api=api.id, resource_id=res.id, http_method="POST", authorization="NONE",
               api_key_required=True)
        method("ok-options", rest_api=api.id, resource_id=res.id, http_method="OPTIONS", authorization="NONE")
        method("pending", rest_api=api.id, resource_id=res.id, http_method="PUT", authorization=unknown("NONE"))

    found = violations("apigw_rest_method_authorization", run_function(program))
    assert set(found) == {"open-post", "pending"}
    assert found["pending"][0].message.startswith("cannot decide: authorization")


def test_v2_stage_access_logging() -> None:
    def program() -> None:
        http = aws.apigatewayv2.Api("web", protocol_type="HTTP")
        aws.apigatewayv2.Stage("ok-logged", api_id=http.id, access_log_settings=aws.apigatewayv2.
                               StageAccessLogSettingsArgs(destination_arn=LOGS, format="$context.requestId"))
        aws.apigatewayv2.Stage("unlogged", api_id=http.id)
        aws.apigatewayv2.Api("quick", protocol_type="HTTP", target="arn:aws:lambda:us-east-1:1:function:f")

    found = violations("apigw_v2_stage_access_logging", run_function(program))
    assert set(found) == {"unlogged", "quick"}
    assert found["unlogged"][0].property == "accessLogSettings.destinationArn"


def test_route_with_unknown_key_is_cannot_decide() -> None:
    def program() -> None:
        http = aws.apigatewayv2.Api("web", protocol_type="HTTP")
        aws.apigatewayv2.Route("pending", api_id=http.id, route_key=unknown("GET /x"))
        aws.apigatewayv2.Route("open", api_id=http.id, route_key="GET /y")

    found = violations("apigw_route_authorization", run_function(program))
    assert set(found) == {"pending", "open"}
    assert found["pending"][0].message == "cannot decide: routeKey is not known until apply"
