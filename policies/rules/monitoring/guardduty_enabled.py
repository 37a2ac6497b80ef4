"""GuardDuty has a detector that is enabled (a presence rule; a disabled detector fails by name)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, StackRule, StackView, Violation

DETECTOR = "aws:guardduty/detector:Detector"


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    detectors = stack.of_type(DETECTOR)
    if not detectors:
        yield Violation("the stack declares no GuardDuty detector")
    for detector in detectors:
        if detector.get("enable") is False:  # provider default: true
            yield Violation(f"GuardDuty detector {detector.name} is disabled", "enable", detector.urn)


RULE = StackRule(
    id="guardduty_enabled",
    title="GuardDuty is enabled",
    description=("GuardDuty is the account's intrusion detection: it reads CloudTrail, VPC flow logs and DNS "
                 "logs for known attacker behaviour; a missing or suspended detector means no findings and "
                 "no automated quarantine."),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("GuardDuty.1",), "seed": ("intrusion-detection",)},
    remediation=("Declare aws.guardduty.Detector(enable=True) in the account-baseline stack, or remove "
                 "enable=False from the existing detector."),
    evaluate=evaluate,
)
