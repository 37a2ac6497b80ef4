"""HTTP and WebSocket API stages write access logs."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.edge import V2_API, V2_STAGE


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if resource.type == V2_API:
        if resource.get("target"):
            yield Violation("quick-create API (target set) gets a $default stage without access logs; declare "
                            "an aws.apigatewayv2.Stage with access_log_settings instead", "target")
        return
    if not (resource.get("accessLogSettings") or {}).get("destinationArn"):
        yield Violation("v2 stage has no access_log_settings destination, so no access log is written",
                        "accessLogSettings.destinationArn")


RULE = ResourceRule(
    id="apigw_v2_stage_access_logging",
    title="API Gateway v2 (HTTP and WebSocket) stages have access logging",
    description=(
        "Access logs record who called which route and how it ended, the evidence audits and incident "
        "response need; v2 stages write none unless access_log_settings names a destination. A quick-create "
        "API's implicit $default stage has none either."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("logging",), "aws-fsbp": ("APIGateway.9",)},
    remediation='Set access_log_settings={"destination_arn": log_group.arn, "format": <JSON format with '
                "$context.requestId, identity.sourceIp, routeKey, status>} on the aws.apigatewayv2.Stage.",
    resource_types=(V2_STAGE, V2_API),
    evaluate=evaluate,
)
