"""HTTP and WebSocket API routes specify an authorization type (a stack rule)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.edge import V2_API, V2_ROUTE, v2_api_of


def _judged(stack: StackView, route: ResourceView, config: Mapping[str, Any]) -> bool:
    key = str(route.get("routeKey") or "")
    if config["allow_unauthenticated_options"] and key.upper().startswith("OPTIONS "):
        return False  # CORS preflight requests carry no credentials
    api = v2_api_of(stack, route)
    protocol = str(api.get("protocolType") or "").upper() if api is not None else ""
    if protocol == "WEBSOCKET" or (not protocol and key.startswith("$") and key != "$default"):
        return key == "$connect"  # WebSocket APIs authorize the connection, never later messages
    return protocol == "HTTP" or " " in key or key == "$default"


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    def route_check(route: ResourceView) -> Iterator[Violation]:
        kind = str(route.get("authorizationType") or "NONE").upper()
        if kind == "NONE" and _judged(stack, route, config):
            yield Violation(f"route {route.get('routeKey')} authorization_type is NONE; the rule demands "
                            "AWS_IAM, JWT or CUSTOM", "authorizationType")

    def api_check(api: ResourceView) -> Iterator[Violation]:
        if api.get("target"):
            yield Violation(f"quick-create API {api.name} (target set) gets a {api.get('routeKey') or '$default'} "
                            "route without authorization", "target")

    yield from each_resource(stack.of_type(V2_ROUTE), route_check)
    yield from each_resource(stack.of_type(V2_API), api_check)


RULE = StackRule(
    id="apigw_route_authorization",
    title="API Gateway v2 routes specify an authorization type",
    description=(
        "A route with authorization_type NONE (the default) invokes its integration for anyone on the "
        "internet. WebSocket APIs are judged on $connect only; OPTIONS routes (CORS preflight) pass unless "
        "allow_unauthenticated_options is false; a quick-create API's implicit route is unauthenticated."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("secure-access",), "aws-fsbp": ("APIGateway.8",)},
    remediation='Set authorization_type="JWT" with authorizer_id= (or "AWS_IAM", or "CUSTOM" with a Lambda '
                "authorizer) on the aws.apigatewayv2.Route; declare routes instead of using Api(target=).",
    config={"allow_unauthenticated_options": {"type": "boolean", "default": True,
                                              "description": "accept OPTIONS routes without authorization"}},
    evaluate=evaluate,
)
