"""CloudFront S3 origins use origin access control (OAC)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.edge import DISTRIBUTIONS, is_s3_origin, origin_id, origins


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    for i, origin in origins(resource):
        if not is_s3_origin(origin) or origin.get("originAccessControlId"):
            continue
        oai = (origin.get("s3OriginConfig") or {}).get("originAccessIdentity")
        how = "the legacy origin access identity" if oai else "no origin access control"
        yield Violation(f"S3 origin {origin_id(origin)} uses {how}; the rule demands an origin access "
                        "control", f"origins[{i}].originAccessControlId")


RULE = ResourceRule(
    id="cloudfront_s3_origin_access_control",
    title="CloudFront S3 origins use origin access control",
    description=(
        "Without OAC the bucket must be readable on its own, a second door around the distribution's WAF, "
        "signed URLs and logs. OAC signs CloudFront's requests so the bucket policy can admit only this "
        "distribution; it supersedes origin access identities, which cannot use SSE-KMS."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("isolated-and-controlled",), "aws-fsbp": ("CloudFront.13",)},
    remediation=(
        'Create aws.cloudfront.OriginAccessControl(origin_access_control_origin_type="s3", signing_behavior='
        '"always", signing_protocol="sigv4") and set origin_access_control_id=oac.id on the S3 origin; grant '
        "s3:GetObject to cloudfront.amazonaws.com with an AWS:SourceArn condition on the distribution."
    ),
    resource_types=DISTRIBUTIONS,
    evaluate=evaluate,
)
