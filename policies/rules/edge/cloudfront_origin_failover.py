"""CloudFront distributions have an origin group with two origins for failover."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.edge import DISTRIBUTIONS, origin_groups


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    groups = origin_groups(resource)
    if not any(len(members) >= 2 for members in groups.values()):
        found = f"{len(groups)} origin group(s), none with two members" if groups else "no origin group"
        yield Violation(f"distribution has {found}, so one failing origin takes it down", "originGroups")


RULE = ResourceRule(
    id="cloudfront_origin_failover",
    title="CloudFront distributions have an origin group with a secondary origin",
    description=(
        "An origin group fails requests over to a secondary origin when the primary is down or answers "
        "with the listed status codes; without one, a single origin outage is a site outage."
    ),
    severity=Severity.LOW,
    frameworks={"seed": ("high-availability",), "aws-fsbp": ("CloudFront.4",)},
    remediation=(
        'Add origin_groups=[{"origin_id": "failover", "failover_criteria": {"status_codes": [500, 502, 503, '
        '504]}, "members": [{"origin_id": "primary"}, {"origin_id": "secondary"}]}] and point the cache '
        'behaviors\' target_origin_id at "failover".'
    ),
    resource_types=DISTRIBUTIONS,
    evaluate=evaluate,
)
