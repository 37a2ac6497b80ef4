"""S3 Multi-Region Access Points keep all four block-public-access settings on."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.security import public_access_gaps


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    details = resource.get("details") or {}
    yield from public_access_gaps(details.get("publicAccessBlock"), "details.publicAccessBlock")


RULE = ResourceRule(
    id="s3_mrap_public_access_blocked",
    title="S3 Multi-Region Access Points have block public access settings enabled",
    description=(
        "A Multi-Region Access Point fronts buckets in several regions with one global endpoint; its "
        "block-public-access settings are fixed at creation and AWS turns all four on unless the program "
        "turns one off. The rule fails an explicit False."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("S3.24",), "seed": ("isolated-and-controlled", "data-encryption")},
    remediation=(
        "Remove the False flags from details.public_access_block on aws.s3control.MultiRegionAccessPoint "
        "(a replacement)."
    ),
    resource_types=("aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint",),
    evaluate=evaluate,
)
