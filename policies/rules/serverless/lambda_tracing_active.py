"""Lambda functions have X-Ray active tracing (FSBP Lambda.7)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.serverless import FUNCTION


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    tracing = resource.get("tracingConfig") or {}
    mode = tracing.get("mode")
    if str(mode or "") != "Active":
        shown = "not set (AWS default: PassThrough)" if mode is None else repr(mode)
        yield Violation(f"tracingConfig.mode is {shown}; the rule demands Active", "tracingConfig.mode")


RULE = ResourceRule(
    id="lambda_tracing_active",
    title="Lambda functions have AWS X-Ray active tracing enabled",
    description=(
        "Active tracing records every invocation's path through downstream calls, which shows an "
        "investigator what a compromised or misbehaving function touched. Lambda defaults to PassThrough, "
        "which traces only requests an upstream service already sampled."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("Lambda.7",), "seed": ("audited",)},
    remediation='Set tracing_config={"mode": "Active"} on aws.lambda_.Function and allow the role '
                "xray:PutTraceSegments (AWSXRayDaemonWriteAccess).",
    resource_types=(FUNCTION,),
    evaluate=evaluate,
)
