"""AWS Config recorders record every supported resource type, global ones included (CIS 3.3)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

RECORDER = "aws:cfg/recorder:Recorder"


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    group = resource.get("recordingGroup") or {}
    if group.get("allSupported") is False:  # provider default: true
        yield Violation("recorder records a chosen list of resource types, not all supported",
                        "recordingGroup.allSupported")
    if config["require_global_resource_types"] and group.get("includeGlobalResourceTypes") is not True:
        yield Violation("recorder leaves out global resource types (IAM users, roles, policies)",
                        "recordingGroup.includeGlobalResourceTypes")


RULE = ResourceRule(
    id="config_recorder_all_resources",
    title="AWS Config recorders record all resource types, including global ones",
    description=("A recorder limited to some types, or without global types, has no configuration history "
                 "for the rest, including IAM, which is where privilege changes happen."),
    severity=Severity.CRITICAL,
    frameworks={
        "aws-fsbp": ("Config.1",),
        "cis-aws-5.0": ("3.3",),
        "cis-aws-3.0": ("3.3",),
        "seed": ("configuration-analysis", "audited"),
    },
    remediation=("Set recording_group=aws.cfg.RecorderRecordingGroupArgs(all_supported=True, "
                 "include_global_resource_types=True) on the recorder (global types in one region only)."),
    resource_types=(RECORDER,),
    config={"require_global_resource_types": {
        "type": "boolean", "default": True,
        "description": ("require include_global_resource_types (AWS default: false); turn off for stacks in "
                        "secondary regions when the primary region's recorder records global types")}},
    evaluate=evaluate,
)
