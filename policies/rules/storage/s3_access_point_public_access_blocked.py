"""S3 access points keep all four block-public-access settings on."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.security import public_access_gaps


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from public_access_gaps(resource.get("publicAccessBlockConfiguration"), "publicAccessBlockConfiguration")


RULE = ResourceRule(
    id="s3_access_point_public_access_blocked",
    title="S3 access points have block public access settings enabled",
    description=(
        "An access point has its own block-public-access settings, fixed at creation. AWS turns all four on "
        "unless the program turns one off, so the rule fails only an explicit False: with it, a public "
        "access point policy can expose the bucket even when the bucket's own settings look right."
    ),
    severity=Severity.CRITICAL,
    frameworks={"aws-fsbp": ("S3.19",), "seed": ("isolated-and-controlled", "data-encryption")},
    remediation=(
        "Remove the False flags from public_access_block_configuration on aws.s3.AccessPoint (or set all four "
        "to True); the access point is replaced, since the settings cannot change after creation."
    ),
    resource_types=("aws:s3/accessPoint:AccessPoint",),
    evaluate=evaluate,
)
