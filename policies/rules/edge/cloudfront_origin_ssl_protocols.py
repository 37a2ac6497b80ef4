"""CloudFront does not offer deprecated SSL/TLS protocols to custom origins."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.edge import DISTRIBUTIONS, custom_config, origin_id, origins


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    denied = {p.lower() for p in config["denied_protocols"]}
    for i, origin in origins(resource):
        where, custom = custom_config(origin)
        if not custom:
            continue
        offered = [str(p) for p in custom.get("originSslProtocols") or ()]
        bad = [p for p in offered if p.lower() in denied]
        if bad:
            yield Violation(f"origin {origin_id(origin)} origin_ssl_protocols {offered} include deprecated "
                            f"{bad}; the rule demands TLSv1.2", f"origins[{i}].{where}.originSslProtocols")


RULE = ResourceRule(
    id="cloudfront_origin_ssl_protocols",
    title="CloudFront distributions use no deprecated SSL protocols to custom origins",
    description=(
        "SSLv3 (POODLE) lets anyone on the path between the edge and the origin decrypt the session once "
        "an origin accepts it. FSBP fails SSLv3 only; add TLSv1 and TLSv1.1 to denied_protocols to demand "
        "TLS 1.2."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("data-encryption",), "aws-fsbp": ("CloudFront.10",)},
    remediation='Set origin_ssl_protocols=["TLSv1.2"] in each custom_origin_config.',
    resource_types=DISTRIBUTIONS,
    config={"denied_protocols": {"type": "array", "items": {"type": "string"}, "default": ["SSLv3"],
                                 "description": "origin SSL protocols that fail (FSBP: SSLv3)"}},
    evaluate=evaluate,
)
