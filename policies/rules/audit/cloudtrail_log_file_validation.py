"""CloudTrail trails have log file integrity validation on (CIS 3.2)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.audit import TRAIL


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if resource.get("enableLogFileValidation") is not True:  # provider default: false
        yield Violation("trail log file validation is off", "enableLogFileValidation")


RULE = ResourceRule(
    id="cloudtrail_log_file_validation",
    title="CloudTrail trails validate log file integrity",
    description=("Without digest files nobody can prove a log was not edited or deleted after delivery, "
                 "so the audit trail is not evidence."),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("CloudTrail.4",), "cis-aws-5.0": ("3.2",), "cis-aws-3.0": ("3.2",), "seed": ("audited",)},
    remediation="Set enable_log_file_validation=True on the trail.",
    resource_types=(TRAIL,),
    evaluate=evaluate,
)
