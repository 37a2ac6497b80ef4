"""ManagedKey, EncryptedBucket, AccountGuardrails and StorageBaseline as the mock engine captures them."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

import pytest

from components.base import AccountContext, Tagging
from components.storage.baseline import StorageBaseline
from components.storage.encrypted_bucket import EncryptedBucket
from components.storage.spec import BucketSpec, ObjectLockSpec, StorageSpec
from lz.graph import ResourceGraph
from lz.mock_engine import run_function
from tests.components.envs import env_of

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
KEY = "aws:kms/key:Key"
REGION = {"aws:region": "eu-west-1"}


def tagging(env: str = "dev") -> Tagging:
    return Tagging(env, "platform", "internal", {"cost-center": "x"})


def baseline_graph(spec: StorageSpec | None = None, *, production: bool = False, protect: bool = True,
                   env: str = "dev") -> ResourceGraph:
    def program() -> None:
        StorageBaseline(f"lz-{env}-storage", spec or StorageSpec(),
                        env=env_of(tagging(env), production=production, protect=protect))
    return run_function(program, config=REGION)


def bucket_graph(**kwargs: object) -> ResourceGraph:
    def program() -> None:
        spec = BucketSpec(purpose="data", object_lock=kwargs.pop("object_lock", None))  # type: ignore[arg-type]
        EncryptedBucket("data", spec, env=env_of(tagging(), protect=bool(kwargs.get("protect", True))),
                        kms_key_arn="arn:aws:kms:eu-west-1:123456789012:key/k",
                        access_log_bucket=kwargs.get("access_log_bucket", "lz-dev-access-logs"))  # type: ignore[arg-type]
    return run_function(program, config=REGION)


@pytest.fixture(scope="module")
def default_graph() -> ResourceGraph:
    return baseline_graph()




def test_default_spec_builds_three_keys_and_the_guardrails(default_graph: ResourceGraph) -> None:
    custom = Counter(r.type for r in default_graph.resources if r.custom)
    assert custom == {KEY: 3, "aws:kms/alias:Alias": 3, "aws:ebs/encryptionByDefault:EncryptionByDefault": 1,
                      "aws:ebs/defaultKmsKey:DefaultKmsKey": 1,
                      "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": 1}
    assert {r.inputs["name"] for r in default_graph.by_type("aws:kms/alias:Alias")} == {
        "alias/lz-dev-logs", "alias/lz-dev-data", "alias/lz-dev-alerts"}


def test_keys_rotate_and_wait_thirty_days(default_graph: ResourceGraph) -> None:
    for key in default_graph.by_type(KEY):
        assert key.inputs["enableKeyRotation"] is True
        assert key.inputs["deletionWindowInDays"] == 30
        assert key.inputs["rotationPeriodInDays"] == 365
        assert key.inputs["tags"]["managed-by"] == "pulumi-landing-zone"


def test_key_policies_name_their_purposes_services(default_graph: ResourceGraph) -> None:
    services = {}
    for key in default_graph.by_type(KEY):
        policy = json.loads(key.inputs["policy"])
        services[key.name] = {s["Principal"].get("Service") for s in policy["Statement"]} - {None}
    assert services == {
        "lz-dev-storage-logs-key": {"logs.eu-west-1.amazonaws.com", "cloudtrail.amazonaws.com",
                                    "config.amazonaws.com", "logging.s3.amazonaws.com"},
        "lz-dev-storage-alerts-key": {"sns.amazonaws.com", "events.amazonaws.com", "cloudwatch.amazonaws.com"},
        "lz-dev-storage-data-key": set(),
    }


@pytest.mark.parametrize(("production", "protect"), [(False, True), (False, False), (True, True)])
def test_key_protection_follows_the_environment(production: bool, protect: bool) -> None:
    graph = baseline_graph(production=production, protect=protect)
    assert {k.protect for k in graph.by_type(KEY)} == {protect}
    assert {a.protect for a in graph.by_type("aws:kms/alias:Alias")} == {False}


def test_production_cannot_switch_protection_off() -> None:
    with pytest.raises(ValueError, match="'prod': production environments must protect keys and evidence"):
        env_of(tagging("prod"), production=True, protect=False)


def test_the_old_storage_protect_key_names_the_one_switch() -> None:
    with pytest.raises(ValueError, match="landing-zone:protectEvidence"):
        StorageSpec.model_validate({"protect": False})


def test_every_child_is_parented_by_its_component(default_graph: ResourceGraph) -> None:
    kinds = {r.urn: r.type for r in default_graph.resources}
    for key in default_graph.by_type(KEY) + default_graph.by_type("aws:kms/alias:Alias"):
        assert kinds[key.parent or ""] == "lz:storage:ManagedKey"
    assert kinds[default_graph.only("aws:ebs/defaultKmsKey:DefaultKmsKey").parent or ""] == (
        "lz:storage:AccountGuardrails")
    for comp in default_graph.by_type("lz:storage:ManagedKey"):
        assert kinds[comp.parent or ""] == "lz:storage:StorageBaseline"


def test_ebs_default_key_is_the_data_key_and_s3_is_blocked_account_wide(default_graph: ResourceGraph) -> None:
    data_key = default_graph.get("lz-dev-storage-data-key")
    assert default_graph.only("aws:ebs/defaultKmsKey:DefaultKmsKey").inputs["keyArn"] == data_key.outputs["arn"]
    assert default_graph.only("aws:ebs/encryptionByDefault:EncryptionByDefault").inputs["enabled"] is True
    block = default_graph.only("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock").inputs
    assert block["accountId"] == "123456789012"
    assert all(block[f] is True for f in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls",
                                          "restrictPublicBuckets"))


def test_bucket_children_and_protection() -> None:
    graph = bucket_graph()
    kinds = Counter(r.type.split(":")[-1] for r in graph.resources if r.custom)
    assert kinds == {"Bucket": 1, "BucketOwnershipControls": 1, "BucketPublicAccessBlock": 1,
                     "BucketServerSideEncryptionConfiguration": 1, "BucketVersioning": 1, "BucketPolicy": 1,
                     "BucketLifecycleConfiguration": 1, "BucketLogging": 1}
    bucket = graph.only("aws:s3/bucket:Bucket")
    assert bucket.protect is True and bucket.inputs["bucket"] == "lz-dev-data-123456789012-eu-west-1"
    assert bucket.inputs["forceDestroy"] is False
    assert "objectLockEnabled" not in bucket.inputs
    assert bucket_graph(protect=False).only("aws:s3/bucket:Bucket").protect is False


def test_bucket_is_kms_encrypted_versioned_private_and_owner_enforced() -> None:
    graph = bucket_graph()
    sse = graph.only("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
    assert sse.inputs["rules"] == [{"applyServerSideEncryptionByDefault": {
        "sseAlgorithm": "aws:kms", "kmsMasterKeyId": "arn:aws:kms:eu-west-1:123456789012:key/k"},
        "bucketKeyEnabled": True}]
    assert graph.only("aws:s3/bucketVersioning:BucketVersioning").inputs["versioningConfiguration"] == {
        "status": "Enabled"}
    block = graph.only("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs
    assert [block[f] for f in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls",
                               "restrictPublicBuckets")] == [True] * 4
    assert graph.only("aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs["rule"] == {
        "objectOwnership": "BucketOwnerEnforced"}


def test_bucket_policy_pins_the_key_and_waits_for_the_public_access_block() -> None:
    graph = bucket_graph()
    policy = graph.only("aws:s3/bucketPolicy:BucketPolicy")
    doc = json.loads(policy.inputs["policy"])
    wrong_key = next(s for s in doc["Statement"] if s["Sid"] == "DenyWrongKmsKey")
    assert wrong_key["Condition"]["StringNotEquals"] == {
        "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:eu-west-1:123456789012:key/k"}
    assert graph.only("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").urn in policy.dependencies


def test_lifecycle_tiers_and_noncurrent_expiry() -> None:
    rule = bucket_graph().only("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs["rules"][0]
    assert rule["status"] == "Enabled"
    assert [(t["storageClass"], t["days"]) for t in rule["transitions"]] == [
        ("STANDARD_IA", 90), ("GLACIER", 180), ("DEEP_ARCHIVE", 365)]
    assert rule["noncurrentVersionExpiration"] == {"noncurrentDays": 365}


@pytest.mark.parametrize(("make", "present"), [
    (lambda: bucket_graph(access_log_bucket=None), False),
    (lambda: bucket_graph(), True),
])
def test_access_logging_only_when_a_target_is_given(make: Callable[[], ResourceGraph], present: bool) -> None:
    logging = make().by_type("aws:s3/bucketLogging:BucketLogging")
    assert bool(logging) is present
    if present:
        assert logging[0].inputs["targetBucket"] == "lz-dev-access-logs"


def test_object_lock_in_compliance_mode() -> None:
    graph = bucket_graph(object_lock=ObjectLockSpec(enabled=True, mode="COMPLIANCE", retention_days=400))
    assert graph.only("aws:s3/bucket:Bucket").inputs["objectLockEnabled"] is True
    lock = graph.only("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").inputs
    assert lock["rule"] == {"defaultRetention": {"mode": "COMPLIANCE", "days": 400}}


def test_spec_and_key_must_agree() -> None:
    with pytest.raises(Exception, match="kms_key_arn is missing"):
        run_function(lambda: EncryptedBucket("b", BucketSpec(purpose="data"), env=env_of(tagging()), kms_key_arn=None,
                                             access_log_bucket=None), config=REGION)
