"""REST and WebSocket API stages write execution logs at ERROR or INFO (a stack rule)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.edge import LOGGING_LEVELS, REST_STAGE, V2_STAGE, all_methods, settings_of_stage, v2_api_of


def _level(settings: Any) -> str:
    return str((settings or {}).get("loggingLevel") or "OFF").upper()


def _explicitly_off(settings: Any) -> bool:
    level = (settings or {}).get("loggingLevel")
    return level is not None and str(level).upper() == "OFF"


def _rest(stack: StackView, stage: ResourceView) -> Iterator[Violation]:
    settings = settings_of_stage(stack, stage)
    if not any(_level(ms.get("settings")) in LOGGING_LEVELS for ms in all_methods(settings)):
        yield Violation(f"REST stage {stage.name} has no aws.apigateway.MethodSettings for */* with "
                        "logging_level ERROR or INFO, so execution logging is off", "settings.loggingLevel")
    for ms in settings:
        if ms.get("methodPath") != "*/*" and _explicitly_off(ms.get("settings")):
            yield Violation(f"method settings {ms.name} turn execution logging OFF for {ms.get('methodPath')}",
                            "settings.loggingLevel", ms.urn)


def _websocket(stack: StackView, stage: ResourceView) -> Iterator[Violation]:
    api = v2_api_of(stack, stage)
    if api is None or str(api.get("protocolType") or "").upper() != "WEBSOCKET":
        return  # HTTP APIs have no execution logs; an API declared elsewhere cannot be told apart
    if _level(stage.get("defaultRouteSettings")) not in LOGGING_LEVELS:
        yield Violation(f"WebSocket stage {stage.name} default_route_settings.logging_level is "
                        f"{_level(stage.get('defaultRouteSettings'))}; the rule demands ERROR or INFO",
                        "defaultRouteSettings.loggingLevel")
    for i, route in enumerate(stage.get("routeSettings") or ()):
        if _explicitly_off(route):
            yield Violation(f"WebSocket stage {stage.name} turns execution logging OFF for route "
                            f"{route.get('routeKey')}", f"routeSettings[{i}].loggingLevel")


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from each_resource(stack.of_type(REST_STAGE), lambda s: _rest(stack, s))
    yield from each_resource(stack.of_type(V2_STAGE), lambda s: _websocket(stack, s))


RULE = StackRule(
    id="apigw_execution_logging",
    title="REST and WebSocket API stages have execution logging at ERROR or INFO",
    description=(
        "Execution logs record authorizer decisions, integration errors and request ids that access logs "
        "lack; API Gateway writes none by default. A REST stage is joined to its aws.apigateway."
        "MethodSettings (method_path \"*/*\"); a WebSocket stage is read from default_route_settings. HTTP "
        "APIs, which have no execution logs, and v2 stages whose API is declared in another stack are not "
        "judged."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("logging",), "aws-fsbp": ("APIGateway.1",)},
    remediation=(
        'REST: aws.apigateway.MethodSettings(rest_api=api.id, stage_name=stage.stage_name, method_path="*/*", '
        'settings={"logging_level": "ERROR", "metrics_enabled": True}) (the account needs aws.apigateway.'
        'Account with a CloudWatch role). WebSocket: default_route_settings={"logging_level": "ERROR", '
        '"throttling_burst_limit": ..., "throttling_rate_limit": ...} on the aws.apigatewayv2.Stage.'
    ),
    evaluate=evaluate,
)
