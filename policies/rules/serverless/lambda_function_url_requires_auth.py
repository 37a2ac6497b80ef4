"""Lambda function URLs require IAM authentication."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.serverless import FUNCTION_URL


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    auth = resource.get("authorizationType")
    if str(auth or "").upper() != "AWS_IAM":
        yield Violation(f"authorizationType is {auth!r}: the URL accepts unsigned requests from anyone who "
                        "learns it; the rule demands AWS_IAM", "authorizationType")


RULE = ResourceRule(
    id="lambda_function_url_requires_auth",
    title="Lambda function URLs use AWS_IAM authorization",
    description=(
        "A function URL with authorization NONE is an internet endpoint with no authentication, no WAF "
        "and no throttling beyond the function's concurrency; callers run the function with its role. "
        "Public HTTP entry points belong behind API Gateway or CloudFront with WAF; exempt a deliberate "
        "public webhook by name."
    ),
    severity=Severity.HIGH,
    frameworks={"seed": ("secure-access",)},
    remediation='Set authorization_type="AWS_IAM" on aws.lambda_.FunctionUrl and sign callers\' requests with '
                "SigV4 (or put API Gateway / CloudFront with WAF in front).",
    resource_types=(FUNCTION_URL,),
    evaluate=evaluate,
)
