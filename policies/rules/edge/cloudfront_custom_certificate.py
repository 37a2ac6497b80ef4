"""CloudFront distributions serve HTTPS with a custom (ACM or IAM) certificate."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import is_true
from .._lib.edge import DISTRIBUTION


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    cert = resource.get("viewerCertificate") or {}
    if cert.get("acmCertificateArn") or cert.get("iamCertificateId"):
        return
    if is_true(cert.get("cloudfrontDefaultCertificate")):
        yield Violation("viewer_certificate uses the default *.cloudfront.net certificate; the rule demands a "
                        "custom certificate for your own domain", "viewerCertificate.cloudfrontDefaultCertificate")
    else:
        yield Violation("viewer_certificate names no acm_certificate_arn or iam_certificate_id",
                        "viewerCertificate")


RULE = ResourceRule(
    id="cloudfront_custom_certificate",
    title="CloudFront distributions use a custom SSL/TLS certificate",
    description=(
        "The default *.cloudfront.net certificate ties the site to a shared name and only allows the "
        "legacy TLSv1 minimum protocol; a custom ACM certificate serves your alias and lets you require "
        "TLS 1.2+. Multi-tenant distributions take certificates per tenant and are not judged."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("secure-access",), "aws-fsbp": ("CloudFront.7",)},
    remediation=(
        'Set aliases=["www.example.com"] and viewer_certificate={"acm_certificate_arn": <us-east-1 ACM '
        'certificate arn>, "ssl_support_method": "sni-only", "minimum_protocol_version": "TLSv1.2_2021"}.'
    ),
    resource_types=(DISTRIBUTION,),
    evaluate=evaluate,
)
