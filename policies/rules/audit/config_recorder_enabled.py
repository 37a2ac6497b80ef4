"""AWS Config is on: a recorder, a delivery channel and a recorder status that is recording (CIS 3.3)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation

RECORDER = "aws:cfg/recorder:Recorder"
CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel"
STATUS = "aws:cfg/recorderStatus:RecorderStatus"


def _controls(stack: StackView, status: ResourceView, recorder: ResourceView) -> bool:
    # A recorder's id is its name, which defaults to "default" when the program leaves it out.
    name = recorder.get("name") or "default"
    return stack.refers_to(status, "name", recorder) or status.get("name") == name


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    recorders = stack.of_type(RECORDER)
    if not recorders:
        yield Violation("the stack declares no AWS Config configuration recorder")
        return
    if not stack.of_type(CHANNEL):
        yield Violation("the stack declares no AWS Config delivery channel: the recorder cannot start")
    statuses = stack.of_type(STATUS)
    for recorder in recorders:
        own = [s for s in statuses if _controls(stack, s, recorder)]
        if not own:
            yield Violation(f"recorder {recorder.name} has no RecorderStatus, so it never starts recording",
                            "isEnabled", recorder.urn)
        elif not any(s.get("isEnabled") is True for s in own):
            yield Violation(f"recorder {recorder.name} is stopped (RecorderStatus is_enabled is not true)",
                            "isEnabled", recorder.urn)


RULE = StackRule(
    id="config_recorder_enabled",
    title="AWS Config is recording, with a delivery channel",
    description=("A recorder without a delivery channel and an enabled status records nothing: no "
                 "configuration history, no Config rules, no drift evidence. A presence rule for the "
                 "account-baseline stack."),
    severity=Severity.CRITICAL,
    frameworks={
        "aws-fsbp": ("Config.1",),
        "cis-aws-5.0": ("3.3",),
        "cis-aws-3.0": ("3.3",),
        "seed": ("configuration-analysis", "audited"),
    },
    remediation=("Declare aws.cfg.Recorder, aws.cfg.DeliveryChannel(s3_bucket_name=...) and "
                 "aws.cfg.RecorderStatus(name=recorder.name, is_enabled=True, "
                 "opts=ResourceOptions(depends_on=[channel]))."),
    evaluate=evaluate,
)
