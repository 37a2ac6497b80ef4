"""REST API stages have AWS X-Ray active tracing enabled."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import is_true
from .._lib.edge import REST_STAGE


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not is_true(resource.get("xrayTracingEnabled")):
        yield Violation("REST stage xray_tracing_enabled is not True (AWS default: off)", "xrayTracingEnabled")


RULE = ResourceRule(
    id="apigw_rest_stage_xray_tracing",
    title="REST API stages have X-Ray tracing enabled",
    description=(
        "Active tracing follows each request through the stage and its integrations, so a slow or failing "
        "dependency shows up before it becomes an outage."
    ),
    severity=Severity.LOW,
    frameworks={"seed": ("one-spot-monitoring",), "aws-fsbp": ("APIGateway.3",)},
    remediation="Set xray_tracing_enabled=True on the aws.apigateway.Stage.",
    resource_types=(REST_STAGE,),
    evaluate=evaluate,
)
