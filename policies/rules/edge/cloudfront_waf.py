"""CloudFront distributions are associated with a WAF web ACL."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.edge import DISTRIBUTIONS


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not resource.get("webAclId"):
        yield Violation("distribution has no web_acl_id, so no WAF web ACL filters its requests", "webAclId")


RULE = ResourceRule(
    id="cloudfront_waf",
    title="CloudFront distributions have a WAF web ACL",
    description=(
        "A web ACL at the edge blocks known-bad inputs and rate-limits floods before they reach the origin. "
        "CloudFront web ACLs are attached on the distribution itself (web_acl_id), not by association."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("firewalled",), "aws-fsbp": ("CloudFront.6",)},
    remediation="Set web_acl_id=<the CLOUDFRONT-scope aws.wafv2.WebAcl's arn (us-east-1)> on the distribution.",
    resource_types=DISTRIBUTIONS,
    evaluate=evaluate,
)
