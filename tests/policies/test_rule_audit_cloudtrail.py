"""cloudtrail_* rules: trail settings (CIS 3.1, 3.2, 3.5, 3.8, 3.9), CloudWatch delivery, the trail
bucket's access logs (CIS 3.4) and the presence of a logging multi-region trail."""

from typing import Any

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

KEY = "arn:aws:kms:us-east-1:123456789012:key/trail"
S3 = "AWS::S3::Object"


def trail(name: str, **kwargs: Any) -> aws.cloudtrail.Trail:
    return aws.cloudtrail.Trail(name, s3_bucket_name=kwargs.pop("bucket", "audit-bucket"), **kwargs)


def basic(rw: str | None, kind: str = S3) -> aws.cloudtrail.TrailEventSelectorArgs:
    return aws.cloudtrail.TrailEventSelectorArgs(read_write_type=rw, data_resources=[
        aws.cloudtrail.TrailEventSelectorDataResourceArgs(type=kind, values=["arn:aws:s3"])])


def advanced(*fields: tuple[str, list[str]]) -> aws.cloudtrail.TrailAdvancedEventSelectorArgs:
    return aws.cloudtrail.TrailAdvancedEventSelectorArgs(field_selectors=[
        aws.cloudtrail.TrailAdvancedEventSelectorFieldSelectorArgs(field=f, equals=v) for f, v in fields])


DATA = ("eventCategory", ["Data"])
OBJECTS = ("resources.type", [S3])


def declare_settings() -> None:
    trail("ok-all-set", is_multi_region_trail=True, include_global_service_events=True, enable_logging=True,
          enable_log_file_validation=True, kms_key_id=KEY)
    trail("ok-defaults-multi", is_multi_region_trail=True)
    trail("single-region")
    trail("no-global", is_multi_region_trail=True, include_global_service_events=False)
    trail("stopped", is_multi_region_trail=True, enable_logging=False)
    trail("validation-off", is_multi_region_trail=True, enable_log_file_validation=False)


SETTINGS = run_function(declare_settings)


def test_multi_region_fails_single_region_no_global_events_and_stopped_trails() -> None:
    found = violations("cloudtrail_multi_region", SETTINGS)
    assert set(found) == {"single-region", "no-global", "stopped"}
    assert [v.property for v in found["no-global"]] == ["includeGlobalServiceEvents"]
    assert [v.property for v in found["stopped"]] == ["enableLogging"]


def test_log_file_validation_must_be_explicitly_on() -> None:
    assert set(violations("cloudtrail_log_file_validation", SETTINGS)) == {
        "ok-defaults-multi", "single-region", "no-global", "stopped", "validation-off"
    }


def test_kms_encrypted_fails_trails_without_kms_key_id() -> None:
    assert set(violations("cloudtrail_kms_encrypted", SETTINGS)) == {
        "ok-defaults-multi", "single-region", "no-global", "stopped", "validation-off"
    }
    assert set(violations("cloudtrail_kms_encrypted", SETTINGS, {"exemptions": ["*"]})) == set()


def test_cloudwatch_delivery_needs_both_group_and_role() -> None:
    def program() -> None:
        group = aws.cloudwatch.LogGroup("trail-logs")
        trail("ok-delivered", cloud_watch_logs_group_arn=group.arn.apply(lambda a: f"{a}:*"),
              cloud_watch_logs_role_arn="arn:aws:iam::123456789012:role/trail-to-logs")
        trail("group-only", cloud_watch_logs_group_arn=group.arn.apply(lambda a: f"{a}:*"))
        trail("not-delivered")

    found = violations("cloudtrail_cloudwatch_delivery", run_function(program))
    assert set(found) == {"group-only", "not-delivered"}
    assert [v.property for v in found["group-only"]] == ["cloudWatchLogsRoleArn"]


def declare_data_events() -> None:
    trail("ok-basic-all", event_selectors=[basic("All")])
    trail("ok-basic-default-rw", event_selectors=[basic(None)])
    trail("basic-write-only", event_selectors=[basic("WriteOnly")])
    trail("basic-read-only", event_selectors=[basic("ReadOnly")])
    trail("basic-lambda-only", event_selectors=[basic("All", "AWS::Lambda::Function")])
    trail("ok-advanced-both", advanced_event_selectors=[advanced(DATA, OBJECTS)])
    trail("advanced-writes", advanced_event_selectors=[advanced(DATA, OBJECTS, ("readOnly", ["false"]))])
    trail("advanced-reads", advanced_event_selectors=[advanced(DATA, OBJECTS, ("readOnly", ["true"]))])
    trail("advanced-management", advanced_event_selectors=[advanced(("eventCategory", ["Management"]))])
    trail("management-only")


DATA_EVENTS = run_function(declare_data_events)


def test_s3_object_write_events_accept_all_or_write_only_selectors() -> None:
    assert set(violations("cloudtrail_s3_object_write_events", DATA_EVENTS)) == {
        "basic-read-only", "basic-lambda-only", "advanced-reads", "advanced-management", "management-only"
    }


def test_s3_object_read_events_accept_all_or_read_only_selectors() -> None:
    assert set(violations("cloudtrail_s3_object_read_events", DATA_EVENTS)) == {
        "basic-write-only", "basic-lambda-only", "advanced-writes", "advanced-management", "management-only"
    }


def test_bucket_access_logging_checks_only_buckets_a_trail_delivers_to() -> None:
    def program() -> None:
        logs = aws.s3.Bucket("ok-access-logs")  # not a trail bucket: out of scope
        inline = aws.s3.Bucket("ok-inline", logging=aws.s3.BucketLoggingArgs(target_bucket=logs.id,
                                                                              target_prefix="trail/"))
        trail("to-inline", bucket=inline.id)
        separate = aws.s3.Bucket("ok-separate")
        aws.s3.BucketLogging("separate-logging", bucket=separate.id, target_bucket=logs.id, target_prefix="t/")
        trail("to-separate", bucket=separate.id)
        aws.s3.BucketV2("ok-v2-named", bucket="org-trail-v2")
        aws.s3.BucketLoggingV2("v2-logging", bucket="org-trail-v2", target_bucket=logs.id, target_prefix="t/")
        trail("to-v2-by-name", bucket="org-trail-v2")
        unlogged = aws.s3.Bucket("unlogged")
        trail("to-unlogged", bucket=unlogged.id)
        aws.s3.BucketV2("unlogged-by-name", bucket="org-trail-plain")
        trail("to-named", bucket="org-trail-plain")
        trail("to-elsewhere", bucket="bucket-in-another-stack")

    graph = run_function(program)
    found = violations("cloudtrail_bucket_access_logging", graph)
    assert set(found) == {"unlogged", "unlogged-by-name"}
    assert "to-unlogged" in found["unlogged"][0].message
    assert set(violations("cloudtrail_bucket_access_logging", graph, {"exemptions": ["unlogged*"]})) == set()


def test_present_needs_a_logging_multi_region_trail() -> None:
    def none() -> None:
        aws.s3.Bucket("audit")

    def only_weak() -> None:
        trail("single")
        trail("stopped", is_multi_region_trail=True, enable_logging=False)

    def good() -> None:
        trail("single")
        trail("org", is_multi_region_trail=True)

    assert evaluate_rule("cloudtrail_present", none) == {"<stack>"}
    assert evaluate_rule("cloudtrail_present", only_weak) == {"<stack>"}
    assert evaluate_rule("cloudtrail_present", good) == set()


def test_unknown_multi_region_flag_during_preview_is_cannot_decide() -> None:
    def program() -> None:
        trail("pending", is_multi_region_trail=unknown(True))

    [resource_finding] = violations("cloudtrail_multi_region", run_function(program))["pending"]
    assert resource_finding.message.startswith("cannot decide: isMultiRegionTrail")
    [stack_finding] = violations("cloudtrail_present", run_function(program))["<stack>"]
    assert stack_finding.message.startswith("cannot decide: isMultiRegionTrail")


def test_a_known_multi_region_trail_decides_presence_despite_another_unknown_one() -> None:
    def program() -> None:
        trail("pending", is_multi_region_trail=unknown(False))
        trail("known", is_multi_region_trail=True)

    assert evaluate_rule("cloudtrail_present", program) == set()
