"""REST API methods require authorization."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.edge import REST_METHOD


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    method = str(resource.get("httpMethod") or "").upper()
    if method == "OPTIONS" and config["allow_unauthenticated_options"]:
        return  # CORS preflight requests carry no credentials
    if str(resource.get("authorization") or "").upper() == "NONE":
        yield Violation(f"REST method {method} authorization is NONE; the rule demands AWS_IAM, CUSTOM or "
                        "COGNITO_USER_POOLS", "authorization")


RULE = ResourceRule(
    id="apigw_rest_method_authorization",
    title="REST API methods require authorization",
    description=(
        "A REST method with authorization NONE invokes its integration for any caller; an API key is a "
        "usage-plan token, not authentication. FSBP APIGateway.8 checks v2 routes only; this is its REST "
        "counterpart, so it carries no FSBP id."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("secure-access",)},
    remediation='Set authorization="AWS_IAM", or "COGNITO_USER_POOLS"/"CUSTOM" with authorizer_id=, on the '
                "aws.apigateway.Method; exempt deliberately public methods by name.",
    resource_types=(REST_METHOD,),
    config={"allow_unauthenticated_options": {"type": "boolean", "default": True,
                                              "description": "accept OPTIONS methods without authorization"}},
    evaluate=evaluate,
)
