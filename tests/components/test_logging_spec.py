"""LoggingSpec validation, logging_issues, the pure plan and the IAM documents of the export."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from components.base import AccountContext
from components.logging.documents import (
    firehose_to_archive_policy,
    firehose_trust,
    logs_to_firehose_policy,
    logs_to_firehose_trust,
)
from components.logging.plan import plan_export, plan_log_groups
from components.logging.spec import DEFAULT_GROUPS, ExportSpec, LoggingSpec, logging_issues

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
BUCKET = "arn:aws:s3:::lz-archive"
KEY = "arn:aws:kms:eu-west-1:123456789012:key/1111"


def errors(raw: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        LoggingSpec.model_validate(raw)
    return {".".join(str(p) for p in e["loc"]): e["msg"] for e in info.value.errors()}


def test_empty_config_is_valid_and_secure() -> None:
    spec = LoggingSpec.model_validate({})
    assert spec.groups == list(DEFAULT_GROUPS)
    assert spec.retention_days == 365
    assert spec.export.enabled
    assert list(logging_issues(spec, production=True)) == []


def test_retention_must_be_a_cloudwatch_value() -> None:
    found = errors({"retentionDays": 100})
    assert "100 is not a CloudWatch retention value" in found["retentionDays"]


def test_retention_override_must_be_a_cloudwatch_value() -> None:
    found = errors({"retentionOverrides": {"nginx": 45}})
    assert "nginx: 45 is not a CloudWatch retention value" in found["retentionOverrides"]


def test_retention_override_must_name_a_group() -> None:
    found = errors({"retentionOverrides": {"ngnix": 90}})
    assert "unknown groups ['ngnix']" in found[""]


def test_group_names_are_checked_and_unique() -> None:
    found = errors({"groups": ["ids", "IDS", "ids"]})
    assert "'IDS' is not a group purpose" in found["groups"]
    assert "'ids' is listed more than once" in found["groups"]


@pytest.mark.parametrize("prefix", ["/logs", "logs/", "Logs", "a//b", ""])
def test_export_prefix_is_a_clean_key_prefix(prefix: str) -> None:
    assert "not a usable key prefix" in errors({"export": {"prefix": prefix}})["export.prefix"]


def test_buffering_is_bounded_by_firehose_limits() -> None:
    found = errors({"export": {"bufferingIntervalSeconds": 901, "bufferingSizeMb": 0}})
    assert set(found) == {"export.bufferingIntervalSeconds", "export.bufferingSizeMb"}


def test_unknown_keys_are_rejected() -> None:
    assert "export.enable" in errors({"export": {"enable": False}})


def test_production_keeps_a_year_and_exports() -> None:
    spec = LoggingSpec.model_validate(
        {"retentionDays": 90, "retentionOverrides": {"nginx": 30}, "export": {"enabled": False}})
    assert dict(logging_issues(spec, production=True)) == {
        "logging.retentionDays": "90 days: production log groups keep at least 365",
        "logging.retentionOverrides.nginx": "30 days: production log groups keep at least 365",
        "logging.export.enabled": "production logs must be exported to the log archive bucket",
    }
    assert list(logging_issues(spec, production=False)) == []


def test_plan_names_and_retention() -> None:
    spec = LoggingSpec.model_validate({"retentionDays": 400, "retentionOverrides": {"nginx": 731}})
    plans = {p.purpose: p for p in plan_log_groups(spec, "prod")}
    assert plans["ids"].name == "/lz/prod/ids"
    assert plans["ids"].retention_days == 400
    assert plans["nginx"].retention_days == 731


def test_export_plan_layout_is_pinned() -> None:
    plan = plan_export(ExportSpec(), "dev", "vpn")
    assert plan.stream_name == "lz-dev-logs-vpn"
    assert plan.prefix == "cloudwatch-logs/dev/vpn/!{timestamp:yyyy/MM/dd}/"
    assert plan.error_prefix == ("cloudwatch-logs/dev/_errors/vpn/!{firehose:error-output-type}/"
                                 "!{timestamp:yyyy/MM/dd}/")


@pytest.mark.parametrize("key", ["", "Vpn", "1vpn", "a" * 44, "vpn_logs"])
def test_export_key_is_checked(key: str) -> None:
    with pytest.raises(ValueError, match="export key"):
        plan_export(ExportSpec(), "dev", key)


@given(env=st.from_regex(r"[a-z][a-z0-9]{1,11}", fullmatch=True),
       key=st.from_regex(r"[a-z][a-z0-9-]{0,42}", fullmatch=True))
def test_every_export_stays_under_the_environment_root(env: str, key: str) -> None:
    plan = plan_export(ExportSpec(), env, key)
    assert len(plan.stream_name) <= 64  # Firehose's limit
    root = f"cloudwatch-logs/{env}/"
    assert plan.prefix.startswith(root + key + "/")
    assert plan.error_prefix.startswith(root + "_errors/")
    assert "!{firehose:error-output-type}" in plan.error_prefix  # Firehose rejects it otherwise


def test_logs_trust_is_regional_and_bound_to_the_account() -> None:
    statement = logs_to_firehose_trust(ACCOUNT)["Statement"][0]
    assert statement["Principal"] == {"Service": "logs.eu-west-1.amazonaws.com"}
    assert statement["Condition"] == {
        "StringEquals": {"aws:SourceAccount": "123456789012"},
        "ArnLike": {"aws:SourceArn": "arn:aws:logs:eu-west-1:123456789012:*"},
    }


def test_logs_role_may_only_put_into_this_environments_streams() -> None:
    (statement,) = logs_to_firehose_policy(ACCOUNT, "dev")["Statement"]
    assert statement["Action"] == ["firehose:PutRecord", "firehose:PutRecordBatch"]
    assert statement["Resource"] == "arn:aws:firehose:eu-west-1:123456789012:deliverystream/lz-dev-logs-*"


def test_firehose_trust_requires_this_account_as_external_id() -> None:
    statement = firehose_trust(ACCOUNT)["Statement"][0]
    assert statement["Principal"] == {"Service": "firehose.amazonaws.com"}
    assert statement["Condition"] == {"StringEquals": {"sts:ExternalId": "123456789012"}}


def test_firehose_writes_only_under_the_environment_prefix() -> None:
    doc = firehose_to_archive_policy(ACCOUNT, BUCKET, KEY, "cloudwatch-logs/dev/")
    by_sid = {s["Sid"]: s for s in doc["Statement"]}
    assert by_sid["LocateTheArchiveBucket"]["Resource"] == BUCKET
    assert by_sid["WriteUnderThisEnvironmentsPrefix"]["Resource"] == f"{BUCKET}/cloudwatch-logs/dev/*"
    assert "s3:DeleteObject" not in by_sid["WriteUnderThisEnvironmentsPrefix"]["Action"]
    kms = by_sid["EncryptWithTheArchiveKeyThroughS3"]
    assert kms["Resource"] == KEY
    assert kms["Condition"]["StringEquals"] == {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}
    assert kms["Condition"]["StringLike"]["kms:EncryptionContext:aws:s3:arn"] == [
        BUCKET, f"{BUCKET}/cloudwatch-logs/dev/*"]
    assert all(s["Resource"] != "*" and "*" not in s["Action"] for s in doc["Statement"])
