"""LogGroups under the mock engine: encrypted groups with retention, each exported to the archive."""

from __future__ import annotations

import json
from typing import Any

import pytest

from components.base import AccountContext, Tagging
from components.logging.log_groups import LogGroups
from components.logging.spec import LoggingSpec
from lz.graph import ResourceGraph
from lz.mock_engine import run_function
from tests.components.envs import env_of

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
TAGGING = Tagging("dev", "platform", "internal", {"cost-center": "42"})
KEY = "arn:aws:kms:eu-west-1:123456789012:key/logs"
ARCHIVE_KEY = "arn:aws:kms:eu-west-1:123456789012:key/archive"
BUCKET = "arn:aws:s3:::lz-dev-archive"
GROUP = "aws:cloudwatch/logGroup:LogGroup"
STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"
FILTER = "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter"


def build(raw: dict[str, Any] | None = None, *, protect: bool = True, exports: dict[str, str] | None = None,
          archive_key: str | None = None) -> ResourceGraph:
    spec = LoggingSpec.model_validate(raw or {})

    def program() -> None:
        LogGroups("dev-logs", spec, env=env_of(TAGGING, protect=protect), logs_key_arn=KEY,
                  log_archive_bucket_arn=BUCKET, archive_key_arn=archive_key, exports=exports)

    return run_function(program)


DEFAULT = build(exports={"flow-logs-web": "/lz/dev/vpc-flow-logs/web"})


def test_default_resource_count_is_pinned() -> None:
    # 5 groups + 2 roles + 2 role policies + (stream + filter) x 5 groups + 1 extra export, and the component
    assert len(DEFAULT.resources) == 1 + 5 + 4 + 2 * 6


def test_one_group_per_purpose_named_by_environment() -> None:
    names = sorted(r.inputs["name"] for r in DEFAULT.by_type(GROUP))
    assert names == ["/lz/dev/antivirus", "/lz/dev/hids", "/lz/dev/ids", "/lz/dev/nginx", "/lz/dev/vpn"]


def test_every_group_is_encrypted_with_the_logs_key() -> None:
    assert {r.inputs.get("kmsKeyId") for r in DEFAULT.by_type(GROUP)} == {KEY}


def test_retention_comes_from_the_spec_and_overrides() -> None:
    graph = build({"retentionDays": 731, "retentionOverrides": {"nginx": 400}})
    retention = {r.inputs["name"]: r.inputs["retentionInDays"] for r in graph.by_type(GROUP)}
    assert retention["/lz/dev/ids"] == 731
    assert retention["/lz/dev/nginx"] == 400


def test_groups_are_protected_evidence_by_default() -> None:
    for group in DEFAULT.by_type(GROUP):
        assert group.protect
        assert group.inputs["deletionProtectionEnabled"] is True


def test_dev_may_relax_protection() -> None:
    group = build(protect=False).get("dev-logs-ids")
    assert not group.protect
    assert group.inputs["deletionProtectionEnabled"] is False


def test_groups_carry_the_landing_zone_tags() -> None:
    tags = DEFAULT.get("dev-logs-hids").inputs["tags"]
    assert tags["environment"] == "dev"
    assert tags["managed-by"] == "pulumi-landing-zone"
    assert tags["cost-center"] == "42"
    assert tags["purpose"] == "hids"


def test_every_group_is_subscribed_to_its_own_stream() -> None:
    streams = {r.name: r for r in DEFAULT.by_type(STREAM)}
    role = DEFAULT.get("dev-logs-subscription-role")
    for purpose in ("vpn", "ids", "hids", "antivirus", "nginx"):
        subscription = DEFAULT.get(f"dev-logs-{purpose}-archive")
        stream = streams[f"dev-logs-{purpose}-stream"]
        assert subscription.inputs["logGroup"] == f"/lz/dev/{purpose}"
        # The mocks compute no Firehose ARN, so the wiring shows as a dependency on the stream.
        assert stream.urn in subscription.dependencies
        assert stream.name == f"dev-logs-{purpose}-stream"
        assert subscription.inputs["roleArn"] == role.outputs["arn"]
        assert subscription.inputs["filterPattern"] == ""


def test_streams_write_encrypted_per_group_prefixes_to_the_archive() -> None:
    stream = DEFAULT.get("dev-logs-ids-stream")
    assert stream.inputs["name"] == "lz-dev-logs-ids"
    assert stream.inputs["destination"] == "extended_s3"
    s3 = stream.inputs["extendedS3Configuration"]
    assert s3["bucketArn"] == BUCKET
    assert s3["kmsKeyArn"] == KEY
    assert s3["roleArn"] == DEFAULT.get("dev-logs-firehose-role").outputs["arn"]
    assert s3["prefix"].startswith("cloudwatch-logs/dev/ids/")
    assert s3["errorOutputPrefix"].startswith("cloudwatch-logs/dev/_errors/ids/")
    assert (s3["bufferingInterval"], s3["bufferingSize"]) == (300, 5)
    assert stream.inputs["serverSideEncryption"] == {
        "enabled": True, "keyType": "CUSTOMER_MANAGED_CMK", "keyArn": KEY}


def test_an_archive_key_replaces_the_logs_key_for_objects_only() -> None:
    graph = build(archive_key=ARCHIVE_KEY)
    stream = graph.get("dev-logs-ids-stream")
    assert stream.inputs["extendedS3Configuration"]["kmsKeyArn"] == ARCHIVE_KEY
    assert stream.inputs["serverSideEncryption"]["keyArn"] == KEY
    policy = json.loads(graph.get("dev-logs-firehose-archive").inputs["policy"])
    assert {s["Resource"] for s in policy["Statement"] if s["Sid"].startswith("Encrypt")} == {ARCHIVE_KEY}


def test_firehose_role_policy_is_scoped_to_the_bucket_prefix() -> None:
    policy = json.loads(DEFAULT.get("dev-logs-firehose-archive").inputs["policy"])
    resources = {s["Sid"]: s["Resource"] for s in policy["Statement"]}
    assert resources["WriteUnderThisEnvironmentsPrefix"] == f"{BUCKET}/cloudwatch-logs/dev/*"


def test_roles_trust_only_their_services() -> None:
    logs = json.loads(DEFAULT.get("dev-logs-subscription-role").inputs["assumeRolePolicy"])
    firehose = json.loads(DEFAULT.get("dev-logs-firehose-role").inputs["assumeRolePolicy"])
    assert logs["Statement"][0]["Principal"] == {"Service": "logs.eu-west-1.amazonaws.com"}
    assert "aws:SourceArn" in logs["Statement"][0]["Condition"]["ArnLike"]
    assert firehose["Statement"][0]["Principal"] == {"Service": "firehose.amazonaws.com"}


def test_subscriptions_and_streams_wait_for_their_permissions() -> None:
    # AWS tests the role when the filter/stream is created: a missing policy fails the deployment.
    subscription = DEFAULT.get("dev-logs-ids-archive")
    stream = DEFAULT.get("dev-logs-ids-stream")
    assert DEFAULT.get("dev-logs-subscription-put").urn in subscription.dependencies
    assert DEFAULT.get("dev-logs-firehose-archive").urn in stream.dependencies


def test_export_sends_another_components_group_the_same_way() -> None:
    subscription = DEFAULT.get("dev-logs-flow-logs-web-archive")
    assert subscription.inputs["logGroup"] == "/lz/dev/vpc-flow-logs/web"
    stream = DEFAULT.get("dev-logs-flow-logs-web-stream")
    assert stream.inputs["extendedS3Configuration"]["prefix"].startswith("cloudwatch-logs/dev/flow-logs-web/")
    assert stream.urn in subscription.dependencies


def test_an_export_that_shadows_an_own_group_is_refused() -> None:
    with pytest.raises(Exception, match=r"exports \['vpn'\] clash with its own log groups"):
        build(exports={"vpn": "/lz/dev/other"})


def test_disabled_export_creates_only_the_groups() -> None:
    graph = build({"export": {"enabled": False}}, exports={"flow-logs-web": "/lz/dev/vpc-flow-logs/web"})
    assert {r.type for r in graph.resources} == {"lz:logging:LogGroups", GROUP}


def test_every_child_is_parented_to_the_component() -> None:
    (component,) = DEFAULT.by_type("lz:logging:LogGroups")
    assert {r.urn for r in DEFAULT.resources if r is not component} == {
        r.urn for r in DEFAULT.children_of(component.urn)}
