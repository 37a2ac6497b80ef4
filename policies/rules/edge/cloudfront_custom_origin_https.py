"""CloudFront speaks HTTPS to custom origins."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.edge import DISTRIBUTIONS, behaviors, custom_config, origin_groups, origin_id, origins


def _allow_all_targets(resource: ResourceView) -> set[str]:
    """Origin ids reached by an allow-all behavior, directly or through an origin group."""
    groups = origin_groups(resource)
    targets: set[str] = set()
    for _, behavior in behaviors(resource):
        if str(behavior.get("viewerProtocolPolicy") or "").lower() == "allow-all":
            target = str(behavior.get("targetOriginId"))
            targets |= groups.get(target, {target})
    return targets


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    plain_viewers = None
    for i, origin in origins(resource):
        where, custom = custom_config(origin)
        if not custom:
            continue
        policy = str(custom.get("originProtocolPolicy") or "").lower()
        path = f"origins[{i}].{where}.originProtocolPolicy"
        name = origin_id(origin)
        if policy == "http-only":
            yield Violation(f"origin {name} origin_protocol_policy is http-only; the rule demands https-only", path)
        elif policy == "match-viewer":
            plain_viewers = _allow_all_targets(resource) if plain_viewers is None else plain_viewers
            if name in plain_viewers:
                yield Violation(f"origin {name} origin_protocol_policy is match-viewer behind an allow-all cache "
                                "behavior, so HTTP viewers are fetched over HTTP; the rule demands https-only", path)


RULE = ResourceRule(
    id="cloudfront_custom_origin_https",
    title="CloudFront distributions encrypt traffic to custom origins",
    description=(
        "Between the edge and a custom origin the request crosses the internet; http-only (or match-viewer "
        "behind an allow-all behavior) sends it, cookies and all, in plain text. S3 REST origins always "
        "use HTTPS and are not judged; S3 website endpoints are custom origins that only speak HTTP."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("data-encryption",), "aws-fsbp": ("CloudFront.9",)},
    remediation='Set custom_origin_config={..., "origin_protocol_policy": "https-only", "origin_ssl_protocols": '
                '["TLSv1.2"]} on each custom origin.',
    resource_types=DISTRIBUTIONS,
    evaluate=evaluate,
)
