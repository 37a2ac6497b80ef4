"""CloudFront cache behaviors require HTTPS from viewers (https-only or redirect-to-https)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.edge import DISTRIBUTIONS, behaviors


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    for path, behavior in behaviors(resource):
        if str(behavior.get("viewerProtocolPolicy") or "").lower() == "allow-all":
            yield Violation(f"{path} viewer_protocol_policy is allow-all; the rule demands https-only or "
                            "redirect-to-https", f"{path}.viewerProtocolPolicy")


RULE = ResourceRule(
    id="cloudfront_viewer_https",
    title="CloudFront cache behaviors require HTTPS from viewers",
    description=(
        "allow-all serves content and accepts cookies and form posts over plain HTTP, where anyone on the "
        "path can read or rewrite them. Every cache behavior (default and ordered) is judged."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("secure-access",), "aws-fsbp": ("CloudFront.3",)},
    remediation='Set viewer_protocol_policy="redirect-to-https" (or "https-only") on default_cache_behavior and '
                "every ordered_cache_behaviors entry.",
    resource_types=DISTRIBUTIONS,
    evaluate=evaluate,
)
