"""The organization has an organization trail, multi-region, with log-file validation and a KMS key."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.organizations import organizations

TRAIL = "aws:cloudtrail/trail:Trail"


def _check(trail: ResourceView) -> Iterator[Violation]:
    if trail.get("isMultiRegionTrail") is not True:
        yield Violation(f"organization trail {trail.name} records only its own region", "isMultiRegionTrail")
    if trail.get("enableLogFileValidation") is not True:
        yield Violation(f"organization trail {trail.name} has no log-file validation", "enableLogFileValidation")
    if not trail.get("kmsKeyId"):
        yield Violation(f"organization trail {trail.name} is not encrypted with a KMS key", "kmsKeyId")


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not organizations(stack):
        return
    trails = [t for t in stack.of_type(TRAIL) if t.get("isOrganizationTrail") is True]
    if not trails:
        yield Violation("the organization declares no organization trail (isOrganizationTrail): member "
                        "accounts' API activity is not recorded centrally")
        return
    yield from each_resource(trails, _check)


RULE = StackRule(
    id="org_trail_hardened",
    title="The organization trail exists, is multi-region, validated and KMS-encrypted",
    description=("One organization trail records every account's API activity into the log archive; without "
                 "every region, digest validation and a customer key, the evidence has holes or can be altered."),
    severity=Severity.HIGH,
    frameworks={"cis-aws-5.0": ("3.1", "3.2", "3.5"), "aws-fsbp": ("CloudTrail.1", "CloudTrail.2", "CloudTrail.4"),
                "seed": ("audited", "organization-monitoring")},
    remediation=("Declare aws.cloudtrail.Trail(is_organization_trail=True, is_multi_region_trail=True, "
                 "enable_log_file_validation=True, kms_key_id=<audit account key>) in the management account."),
    evaluate=evaluate,
)
