"""Classic load balancer HTTPS/SSL listeners use a certificate from AWS Certificate Manager."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import CLASSIC_LOAD_BALANCERS
from .._lib.edge import TLS_LISTENER_PROTOCOLS


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    for i, listener in enumerate(resource.get("listeners") or ()):
        if str(listener.get("lbProtocol") or "").upper() not in TLS_LISTENER_PROTOCOLS:
            continue
        cert = str(listener.get("sslCertificateId") or "")
        if not cert.startswith("arn:") or cert.split(":")[2:3] != ["acm"]:
            shown = cert or "not set"
            yield Violation(f"classic load balancer listener {i} certificate is {shown}; the rule demands an ACM "
                            "certificate (arn:aws:acm:...)", f"listeners[{i}].sslCertificateId")


RULE = ResourceRule(
    id="elb_classic_acm_certificate",
    title="Classic load balancer HTTPS/SSL listeners use an ACM certificate",
    description=(
        "IAM server certificates are uploaded by hand and expire silently; ACM certificates renew "
        "themselves. Judged on each HTTPS or SSL listener's ssl_certificate_id."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("secure-access",), "aws-fsbp": ("ELB.2",)},
    remediation="Request an aws.acm.Certificate for the name and set ssl_certificate_id=cert.arn on the listener.",
    resource_types=CLASSIC_LOAD_BALANCERS,
    evaluate=evaluate,
)
