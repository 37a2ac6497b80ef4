"""config_recorder_all_resources (CIS 3.3, per recorder) and config_recorder_enabled (presence)."""

import pulumi
import pulumi_aws as aws
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

ROLE = "arn:aws:iam::123456789012:role/config"


def group(all_supported: bool | None = None, global_types: bool | None = None
          ) -> aws.cfg.RecorderRecordingGroupArgs:
    return aws.cfg.RecorderRecordingGroupArgs(all_supported=all_supported,
                                              include_global_resource_types=global_types)


def declare_recorders() -> None:
    aws.cfg.Recorder("ok-everything", name="main", role_arn=ROLE, recording_group=group(True, True))
    aws.cfg.Recorder("ok-default-all-supported", name="second", role_arn=ROLE, recording_group=group(None, True))
    aws.cfg.Recorder("no-group", name="third", role_arn=ROLE)
    aws.cfg.Recorder("no-global", name="fourth", role_arn=ROLE, recording_group=group(True, False))
    aws.cfg.Recorder("chosen-types", name="fifth", role_arn=ROLE, recording_group=aws.cfg.RecorderRecordingGroupArgs(
        all_supported=False, resource_types=["AWS::EC2::Instance"]))


RECORDERS = run_function(declare_recorders)


def test_all_resources_fails_recorders_without_all_supported_and_global_types() -> None:
    found = violations("config_recorder_all_resources", RECORDERS)
    assert set(found) == {"no-group", "no-global", "chosen-types"}
    assert [v.property for v in found["chosen-types"]] == [
        "recordingGroup.allSupported", "recordingGroup.includeGlobalResourceTypes"
    ]


def test_global_types_can_be_waived_for_secondary_regions() -> None:
    assert set(violations("config_recorder_all_resources", RECORDERS,
                          {"require_global_resource_types": False})) == {"chosen-types"}


def test_enabled_needs_recorder_channel_and_enabled_status() -> None:
    def enabled() -> None:
        recorder = aws.cfg.Recorder("ok-recorder", role_arn=ROLE)  # name defaults to "default"
        channel = aws.cfg.DeliveryChannel("channel", s3_bucket_name="config-bucket")
        aws.cfg.RecorderStatus("status", name=recorder.name, is_enabled=True,
                               opts=pulumi.ResourceOptions(depends_on=[channel]))

    def stopped_and_orphan() -> None:
        stopped = aws.cfg.Recorder("stopped", name="stopped", role_arn=ROLE)
        aws.cfg.Recorder("orphan", name="orphan", role_arn=ROLE)
        aws.cfg.DeliveryChannel("channel", s3_bucket_name="config-bucket")
        aws.cfg.RecorderStatus("status", name=stopped.name, is_enabled=False)

    def no_channel() -> None:
        aws.cfg.Recorder("ok-by-literal-name", name="main", role_arn=ROLE)
        aws.cfg.RecorderStatus("status", name="main", is_enabled=True)

    def nothing() -> None:
        aws.s3.Bucket("config-bucket")

    assert evaluate_rule("config_recorder_enabled", enabled) == set()
    assert evaluate_rule("config_recorder_enabled", stopped_and_orphan) == {"stopped", "orphan"}
    assert evaluate_rule("config_recorder_enabled", stopped_and_orphan, {"exemptions": ["orph*"]}) == {"stopped"}
    assert evaluate_rule("config_recorder_enabled", no_channel) == {"<stack>"}
    assert evaluate_rule("config_recorder_enabled", nothing) == {"<stack>"}
