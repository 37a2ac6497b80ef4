"""AuditBaseline (LogArchive, Trail, ConfigRecorder, ThreatDetection) as the mock engine captures it."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from components.audit.baseline import AuditBaseline
from components.audit.catalog import DEFAULT_CONFIG_RULES
from components.audit.spec import AuditSpec
from components.base import AccountContext, Tagging
from components.storage.baseline import StorageBaseline
from components.storage.spec import StorageSpec
from lz.graph import ResourceGraph
from lz.mock_engine import run_function
from tests.components.envs import env_of

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/lz-{env}-trail"
BUCKET = "aws:s3/bucket:Bucket"


def audit_graph(audit: dict[str, Any] | None = None, storage: dict[str, Any] | None = None, *,
                production: bool = False, protect: bool = True) -> ResourceGraph:
    env = "prod" if production else "dev"
    storage_spec = StorageSpec.model_validate(storage or {})

    def program() -> None:
        tagging = Tagging(env, "platform", "internal", {})
        environment = env_of(tagging, production=production, protect=protect)
        keys = StorageBaseline(f"lz-{env}-storage", storage_spec, env=environment)
        AuditBaseline(f"lz-{env}-audit", AuditSpec.model_validate(audit or {}), env=environment, storage=storage_spec,
                      logs_key_arn=keys.key_arns["logs"])
    return run_function(program, config={"aws:region": "eu-west-1"})


@pytest.fixture(scope="module")
def dev() -> ResourceGraph:
    return audit_graph()


@pytest.fixture(scope="module")
def prod() -> ResourceGraph:
    return audit_graph(production=True)




def policy_of(graph: ResourceGraph, bucket: str) -> dict[str, Any]:
    policy = next(r for r in graph.by_type("aws:s3/bucketPolicy:BucketPolicy") if r.inputs["bucket"] == bucket)
    return json.loads(policy.inputs["policy"])


def logs_key_arn(graph: ResourceGraph, env: str) -> str:
    return str(graph.get(f"lz-{env}-storage-logs-key").outputs["arn"])


def test_default_resource_counts(dev: ResourceGraph) -> None:
    custom = Counter(r.type for r in dev.resources if r.custom)
    assert custom[BUCKET] == 2  # log archive and its access-log bucket; the ALB bucket is opt-in
    assert custom["aws:s3/bucketPolicy:BucketPolicy"] == 2
    assert custom["aws:cfg/rule:Rule"] == len(DEFAULT_CONFIG_RULES) == 32
    assert custom["aws:guardduty/detectorFeature:DetectorFeature"] == 2
    assert custom["aws:securityhub/standardsSubscription:StandardsSubscription"] == 2
    assert custom["aws:iam/role:Role"] == 2
    # Storage 9 (3 keys + 3 aliases + 3 guardrails). Audit 64: buckets 7 + 8 (only the archive logs),
    # trail 4, Config 6 + 32 rules, threat detection 7. Production adds the object lock.
    assert sum(custom.values()) == 73
    assert Counter(r.type for r in dev.resources if not r.custom) == {
        "lz:storage:StorageBaseline": 1, "lz:storage:ManagedKey": 3, "lz:storage:AccountGuardrails": 1,
        "lz:audit:AuditBaseline": 1, "lz:audit:LogArchive": 1, "lz:storage:EncryptedBucket": 2,
        "lz:audit:Trail": 1, "lz:audit:ConfigRecorder": 1, "lz:audit:ThreatDetection": 1}


def test_every_audit_resource_is_parented_inside_the_audit_baseline(dev: ResourceGraph) -> None:
    parents = {r.urn: r for r in dev.resources}
    for r in dev.resources:
        if r.custom and "AuditBaseline" in r.urn:
            assert parents[r.parent or ""].type.startswith(("lz:audit:", "lz:storage:EncryptedBucket")), r.name


def test_evidence_is_protected_and_dev_can_relax_it(dev: ResourceGraph, prod: ResourceGraph) -> None:
    evidence = (BUCKET, "aws:cloudtrail/trail:Trail", "aws:cloudwatch/logGroup:LogGroup", "aws:kms/key:Key")
    for graph in (dev, prod):
        assert {r.protect for t in evidence for r in graph.by_type(t)} == {True}
    relaxed = audit_graph(protect=False)
    assert {r.protect for t in evidence for r in relaxed.by_type(t)} == {False}


def test_trail_is_multi_region_validated_encrypted_and_streams_to_cloudwatch(dev: ResourceGraph) -> None:
    trail = dev.only("aws:cloudtrail/trail:Trail")
    inputs = trail.inputs
    assert (inputs["isMultiRegionTrail"], inputs["includeGlobalServiceEvents"], inputs["enableLogFileValidation"],
            inputs["enableLogging"]) == (True, True, True, True)
    assert inputs["kmsKeyId"] == logs_key_arn(dev, "dev")
    assert inputs["s3BucketName"] == "lz-dev-log-archive-123456789012-eu-west-1"
    assert inputs["cloudWatchLogsGroupArn"] == "arn:aws:logs:eu-west-1:123456789012:log-group:/lz/dev/cloudtrail:*"
    assert [s["name"] for s in inputs["advancedEventSelectors"]] == ["management-events", "s3-data-events"]
    assert inputs["advancedEventSelectors"][1]["fieldSelectors"] == [
        {"field": "eventCategory", "equals": ["Data"]}, {"field": "resources.type", "equals": ["AWS::S3::Object"]}]
    # CloudTrail checks the bucket policy when the trail is created.
    assert dev.get("lz-dev-audit-log-archive-archive-policy").urn in trail.dependencies
    off = audit_graph({"trail": {"s3DataEvents": False}}).only("aws:cloudtrail/trail:Trail")
    assert [s["name"] for s in off.inputs["advancedEventSelectors"]] == ["management-events"]


def test_trail_log_group_and_its_narrow_delivery_role(dev: ResourceGraph) -> None:
    group = dev.only("aws:cloudwatch/logGroup:LogGroup").inputs
    assert group["kmsKeyId"] == logs_key_arn(dev, "dev") and group["retentionInDays"] == 365
    role = dev.get("lz-dev-audit-cloudtrail-delivery-role")
    trust = json.loads(role.inputs["assumeRolePolicy"])["Statement"][0]
    assert trust["Principal"] == {"Service": "cloudtrail.amazonaws.com"}
    assert trust["Condition"]["StringEquals"]["aws:SourceArn"] == TRAIL_ARN.format(env="dev")
    policy = json.loads(dev.get("lz-dev-audit-cloudtrail-delivery").inputs["policy"])
    assert [s["Resource"] for s in policy["Statement"]] == [
        "arn:aws:logs:eu-west-1:123456789012:log-group:/lz/dev/cloudtrail:log-stream:*"]


def test_log_archive_grants_only_this_trail_and_this_accounts_config(dev: ResourceGraph) -> None:
    doc = policy_of(dev, "lz-dev-log-archive-123456789012-eu-west-1")
    grants = {s["Sid"]: s for s in doc["Statement"] if s["Effect"] == "Allow"}
    assert set(grants) == {"CloudTrailAclCheck", "CloudTrailWrite", "ConfigAclCheck", "ConfigWrite"}
    write = grants["CloudTrailWrite"]
    assert write["Resource"] == "arn:aws:s3:::lz-dev-log-archive-123456789012-eu-west-1/AWSLogs/123456789012/*"
    assert write["Condition"]["StringEquals"] == {"aws:SourceArn": TRAIL_ARN.format(env="dev"),
                                                  "s3:x-amz-acl": "bucket-owner-full-control"}
    assert grants["ConfigWrite"]["Condition"]["StringEquals"]["aws:SourceAccount"] == "123456789012"
    denies = {s["Sid"] for s in doc["Statement"] if s["Effect"] == "Deny"}
    assert {"DenyInsecureTransport", "DenyUnencryptedUploads", "DenyWrongKmsKey"} <= denies


def test_access_logs_flow_into_the_access_log_bucket_which_does_not_log_itself(dev: ResourceGraph) -> None:
    logging = dev.by_type("aws:s3/bucketLogging:BucketLogging")
    assert [(r.inputs["bucket"], r.inputs["targetBucket"]) for r in logging] == [
        ("lz-dev-log-archive-123456789012-eu-west-1", "lz-dev-access-logs-123456789012-eu-west-1")]
    doc = policy_of(dev, "lz-dev-access-logs-123456789012-eu-west-1")
    grant = next(s for s in doc["Statement"] if s["Effect"] == "Allow")
    assert grant["Principal"] == {"Service": "logging.s3.amazonaws.com"}
    assert grant["Condition"]["ArnLike"]["aws:SourceArn"] == ["arn:aws:s3:::lz-dev-log-archive-123456789012-eu-west-1"]
    assert "DenyUnencryptedUploads" not in {s["Sid"] for s in doc["Statement"]}  # logging sends no SSE header


def test_object_lock_only_in_production(dev: ResourceGraph, prod: ResourceGraph) -> None:
    lock_type = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"
    assert dev.by_type(lock_type) == []
    lock = prod.only(lock_type).inputs
    assert lock["bucket"] == "lz-prod-log-archive-123456789012-eu-west-1"
    assert lock["rule"] == {"defaultRetention": {"mode": "COMPLIANCE", "days": 365}}


def test_optional_alb_log_bucket_is_sse_s3_with_elb_delivery_grants() -> None:
    graph = audit_graph(storage={"elbLogBucket": True})
    name = "lz-dev-elb-logs-123456789012-eu-west-1"
    sse = next(r for r in graph.by_type(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
        if r.inputs["bucket"] == name)
    assert sse.inputs["rules"][0]["applyServerSideEncryptionByDefault"] == {"sseAlgorithm": "AES256"}
    principals = [s["Principal"] for s in policy_of(graph, name)["Statement"] if s["Effect"] == "Allow"]
    assert principals == [{"Service": "logdelivery.elasticloadbalancing.amazonaws.com"},
                          {"AWS": "arn:aws:iam::156460612806:root"}]


def test_config_records_everything_in_the_required_order(dev: ResourceGraph) -> None:
    recorder = dev.only("aws:cfg/recorder:Recorder")
    assert recorder.inputs["recordingGroup"] == {"allSupported": True, "includeGlobalResourceTypes": True}
    channel = dev.only("aws:cfg/deliveryChannel:DeliveryChannel")
    assert channel.inputs["s3BucketName"] == "lz-dev-log-archive-123456789012-eu-west-1"
    assert channel.inputs["s3KmsKeyArn"] == logs_key_arn(dev, "dev")
    assert recorder.urn in channel.dependencies
    assert dev.get("lz-dev-audit-log-archive-archive-policy").urn in channel.dependencies
    status = dev.only("aws:cfg/recorderStatus:RecorderStatus")
    assert status.inputs["isEnabled"] is True and channel.urn in status.dependencies
    for rule in dev.by_type("aws:cfg/rule:Rule"):
        assert recorder.urn in rule.dependencies
        assert rule.inputs["source"]["owner"] == "AWS"
    role = dev.get("lz-dev-audit-config-role-managed-policy")
    assert role.inputs["policyArn"] == "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"


def test_config_rules_mirror_the_pack(dev: ResourceGraph) -> None:
    identifiers = {r.inputs["source"]["sourceIdentifier"] for r in dev.by_type("aws:cfg/rule:Rule")}
    assert {"CLOUD_TRAIL_ENABLED", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", "CLOUD_TRAIL_ENCRYPTION_ENABLED",
            "MULTI_REGION_CLOUD_TRAIL_ENABLED", "VPC_FLOW_LOGS_ENABLED", "VPC_DEFAULT_SECURITY_GROUP_CLOSED",
            "INCOMING_SSH_DISABLED", "S3_BUCKET_SSL_REQUESTS_ONLY", "EC2_EBS_ENCRYPTION_BY_DEFAULT",
            "CMK_BACKING_KEY_ROTATION_ENABLED", "IAM_PASSWORD_POLICY", "EC2_IMDSV2_CHECK",
            "GUARDDUTY_ENABLED_CENTRALIZED", "SECURITYHUB_ENABLED"} <= identifiers
    password = next(r for r in dev.by_type("aws:cfg/rule:Rule")
                    if r.inputs["source"]["sourceIdentifier"] == "IAM_PASSWORD_POLICY")
    assert json.loads(password.inputs["inputParameters"])["MinimumPasswordLength"] == "14"
    fewer = audit_graph({"configRecorder": {"disableRules": ["SNS_ENCRYPTED_KMS"]}})
    assert len(fewer.by_type("aws:cfg/rule:Rule")) == len(DEFAULT_CONFIG_RULES) - 1


def test_guardduty_access_analyzer_and_security_hub(dev: ResourceGraph) -> None:
    detector = dev.only("aws:guardduty/detector:Detector")
    assert detector.inputs["enable"] is True
    assert detector.inputs["findingPublishingFrequency"] == "FIFTEEN_MINUTES"
    features = {r.inputs["name"]: r.inputs for r in dev.by_type("aws:guardduty/detectorFeature:DetectorFeature")}
    assert set(features) == {"S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION"}
    assert {f["status"] for f in features.values()} == {"ENABLED"}
    assert {f["detectorId"] for f in features.values()} == {detector.id}
    assert dev.only("aws:accessanalyzer/analyzer:Analyzer").inputs["type"] == "ACCOUNT"
    hub = dev.only("aws:securityhub/account:Account")
    assert hub.inputs["enableDefaultStandards"] is False
    subs = dev.by_type("aws:securityhub/standardsSubscription:StandardsSubscription")
    assert {s.inputs["standardsArn"] for s in subs} == {
        "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
        "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0"}
    assert all(hub.urn in s.dependencies for s in subs)


def test_runtime_monitoring_and_frequency_follow_the_spec() -> None:
    graph = audit_graph({"guardDuty": {"runtimeMonitoring": True, "findingPublishingFrequency": "SIX_HOURS"}})
    assert graph.only("aws:guardduty/detector:Detector").inputs["findingPublishingFrequency"] == "SIX_HOURS"
    runtime = next(r for r in graph.by_type("aws:guardduty/detectorFeature:DetectorFeature")
                   if r.inputs["name"] == "RUNTIME_MONITORING")
    assert runtime.inputs["additionalConfigurations"] == [{"name": "EC2_AGENT_MANAGEMENT", "status": "ENABLED"}]
