"""REST API stages present a client certificate to their backends."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.edge import REST_STAGE


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not resource.get("clientCertificateId"):
        yield Violation("REST stage has no client_certificate_id, so backends cannot tell API Gateway's calls "
                        "from anyone else's", "clientCertificateId")


RULE = ResourceRule(
    id="apigw_rest_stage_client_certificate",
    title="REST API stages use a client certificate for backend authentication",
    description=(
        "With a client certificate the backend can require mutual TLS and accept only requests that came "
        "through API Gateway, instead of trusting any caller that finds its endpoint."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("secure-access",), "aws-fsbp": ("APIGateway.2",)},
    remediation="Create aws.apigateway.ClientCertificate and set client_certificate_id=cert.id on the "
                "aws.apigateway.Stage; make the backend verify it.",
    resource_types=(REST_STAGE,),
    evaluate=evaluate,
)
