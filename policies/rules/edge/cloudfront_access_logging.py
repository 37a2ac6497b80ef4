"""CloudFront distributions write standard access logs."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.edge import DISTRIBUTION


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    logging = resource.get("loggingConfig") or {}
    if not logging.get("bucket"):
        yield Violation("distribution has no logging_config bucket, so no access log records its requests",
                        "loggingConfig.bucket")


RULE = ResourceRule(
    id="cloudfront_access_logging",
    title="CloudFront distributions write access logs",
    description=(
        "Access logs are the only record of which viewer asked the edge for what: audits, abuse reports "
        "and forensics depend on them. CloudFront logs nothing unless logging_config names a bucket. "
        "Multi-tenant distributions have no logging_config (only CloudWatch log delivery) and are not judged."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("logging",), "aws-fsbp": ("CloudFront.5",)},
    remediation='Set logging_config={"bucket": "<log archive bucket>.s3.amazonaws.com", "prefix": "<name>/"} '
                "on the distribution.",
    resource_types=(DISTRIBUTION,),
    evaluate=evaluate,
)
