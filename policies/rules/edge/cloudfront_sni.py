"""CloudFront distributions with a custom certificate serve HTTPS through SNI, not dedicated IPs."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.edge import DISTRIBUTION


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    cert = resource.get("viewerCertificate") or {}
    if not (cert.get("acmCertificateArn") or cert.get("iamCertificateId")):
        return  # the default certificate has no support method to choose
    method = cert.get("sslSupportMethod")
    if str(method or "").lower() == "vip":
        yield Violation('ssl_support_method is "vip" (dedicated IP addresses); the rule demands "sni-only"',
                        "viewerCertificate.sslSupportMethod")


RULE = ResourceRule(
    id="cloudfront_sni",
    title="CloudFront distributions with a custom certificate use SNI",
    description=(
        "Dedicated-IP (vip) HTTPS exists only for clients from before 2010 and costs a monthly fee per "
        "distribution; SNI serves every current client. Multi-tenant distributions are SNI-only."
    ),
    severity=Severity.LOW,
    frameworks={"seed": ("secure-access",), "aws-fsbp": ("CloudFront.8",)},
    remediation='Set viewer_certificate={..., "ssl_support_method": "sni-only"}.',
    resource_types=(DISTRIBUTION,),
    evaluate=evaluate,
)
