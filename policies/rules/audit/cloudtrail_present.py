"""The account has a multi-region CloudTrail trail that is logging (a presence rule)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, StackRule, StackView, Violation, any_known
from .._lib.audit import TRAIL, is_multi_region_logging


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not any_known(stack.of_type(TRAIL), is_multi_region_logging):
        yield Violation("the stack declares no multi-region CloudTrail trail that is logging")


RULE = StackRule(
    id="cloudtrail_present",
    title="The account has a logging multi-region CloudTrail trail",
    description=("Without a trail there is no record of API activity at all: no investigation, no CIS 4.x "
                 "alarms. Meant for the account-baseline stack; workload stacks rely on the landing zone's."),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("CloudTrail.3",), "cis-aws-5.0": ("3.1",), "cis-aws-3.0": ("3.1",), "seed": ("audited",)},
    remediation=("Declare aws.cloudtrail.Trail(is_multi_region_trail=True, enable_log_file_validation=True, "
                 "kms_key_id=..., s3_bucket_name=...) in the account-baseline stack (the landing zone's audit "
                 "component does)."),
    evaluate=evaluate,
)
