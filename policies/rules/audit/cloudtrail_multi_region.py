"""CloudTrail trails record every region, global service events, and are not stopped (CIS 3.1)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.audit import TRAIL


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if resource.get("isMultiRegionTrail") is not True:
        yield Violation("trail records only its home region", "isMultiRegionTrail")
    # Both default to true in the provider: only an explicit false turns them off.
    if resource.get("includeGlobalServiceEvents") is False:
        yield Violation("trail leaves out global service events (IAM, STS, CloudFront)",
                        "includeGlobalServiceEvents")
    if resource.get("enableLogging") is False:
        yield Violation("trail logging is stopped", "enableLogging")


RULE = ResourceRule(
    id="cloudtrail_multi_region",
    title="CloudTrail trails are multi-region, include global service events and are logging",
    description=("A single-region trail leaves every other region unaudited, which is where an attacker "
                 "with stolen keys starts; global events carry IAM and STS activity; a stopped trail "
                 "records nothing."),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("CloudTrail.1",), "cis-aws-5.0": ("3.1",), "cis-aws-3.0": ("3.1",), "seed": ("audited",)},
    remediation=("Set is_multi_region_trail=True on the trail, and leave include_global_service_events and "
                 "enable_logging unset or True."),
    resource_types=(TRAIL,),
    evaluate=evaluate,
)
