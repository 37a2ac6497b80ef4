"""s3_bucket_policy_no_cross_account_sensitive_actions, s3_bucket_event_notifications,
s3_bucket_object_lock_enabled, s3_access_point_public_access_blocked, s3_mrap_public_access_blocked."""

import json

import pulumi_aws as aws
from fixtures import unknown
from harness import violations

from lz.mock_engine import run_function

OWN, OTHER = "111122223333", "444455556666"


def doc(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(principal: object, action: object, **extra: object) -> dict:
    return {"Effect": "Allow", "Principal": principal, "Action": action, "Resource": "arn:aws:s3:::b/*", **extra}


def test_cross_account_sensitive_actions() -> None:
    def program() -> None:
        aws.s3.BucketV2("ok-read-cross-account", bucket="a", policy=doc(allow({"AWS": OTHER}, "s3:GetObject")))
        aws.s3.BucketPolicy("ok-own-account", bucket="b", policy=doc(
            allow({"AWS": f"arn:aws:iam::{OWN}:role/admin"}, "s3:PutBucketPolicy")))
        aws.s3.BucketPolicy("ok-service", bucket="b", policy=doc(
            allow({"Service": "cloudtrail.amazonaws.com"}, "s3:*")))
        aws.s3.BucketPolicy("ok-deny", bucket="b", policy=doc(
            {"Effect": "Deny", "Principal": "*", "Action": "s3:PutBucketPolicy", "Resource": "*"}))
        aws.s3.BucketPolicy("org-star", bucket="b", policy=doc(allow("*", "s3:Put*", Condition={
            "StringEquals": {"aws:PrincipalOrgID": "o-abc123"}})))
        aws.s3.BucketPolicy("other-account", bucket="b", policy=doc(
            allow({"AWS": f"arn:aws:iam::{OTHER}:root"}, ["s3:GetObject", "s3:PutObjectAcl"])))
        aws.s3.Bucket("legacy-inline", bucket="c", policy=doc(allow({"AWS": [OTHER]}, "s3:*")))

    graph = run_function(program)
    rule = "s3_bucket_policy_no_cross_account_sensitive_actions"
    # Without the owning account ids only "*" can be judged.
    assert set(violations(rule, graph)) == {"org-star"}
    found = violations(rule, graph, {"account_ids": [OWN]})
    assert set(found) == {"org-star", "other-account", "legacy-inline"}
    [v] = found["other-account"]
    assert v.property == "policy"
    assert v.message.startswith(f"Statement[0] lets arn:aws:iam::{OTHER}:root call s3:PutObjectAcl")


def test_event_notifications() -> None:
    def program() -> None:
        ok = aws.s3.BucketV2("ok-eventbridge")
        aws.s3.BucketNotification("n1", bucket=ok.id, eventbridge=True)
        ok_topic = aws.s3.BucketV2("ok-topic", bucket="ok-topic")
        aws.s3.BucketNotification("n2", bucket=ok_topic.bucket, topics=[aws.s3.BucketNotificationTopicArgs(
            topic_arn="arn:aws:sns:eu-west-1:111122223333:t", events=["s3:ObjectRemoved:*"])])
        aws.s3.BucketV2("none")
        empty = aws.s3.Bucket("empty")
        aws.s3.BucketNotification("n3", bucket=empty.id)

    found = violations("s3_bucket_event_notifications", run_function(program))
    assert set(found) == {"none", "empty"}
    assert "S3 sends none by default" in found["none"][0].message
    assert "BucketNotification n3 has no topic" in found["empty"][0].message


def test_object_lock_enabled() -> None:
    def program() -> None:
        aws.s3.BucketV2("ok-v2", object_lock_enabled=True)
        aws.s3.Bucket("ok-legacy-inline", object_lock_configuration=aws.s3.BucketObjectLockConfigurationArgs(
            object_lock_enabled="Enabled"))
        existing = aws.s3.BucketV2("ok-split")
        retention = aws.s3.BucketObjectLockConfigurationRuleDefaultRetentionArgs(mode="COMPLIANCE", days=30)
        aws.s3.BucketObjectLockConfiguration("lock", bucket=existing.id,
                                             rule=aws.s3.BucketObjectLockConfigurationRuleArgs(
                                                 default_retention=retention))
        aws.s3.BucketV2("default")
        aws.s3.Bucket("off", object_lock_enabled=False)
        aws.s3.BucketV2("pending", object_lock_enabled=unknown(True))

    graph = run_function(program)
    found = violations("s3_bucket_object_lock_enabled", graph)
    assert set(found) == {"default", "off", "pending"}
    assert found["off"][0].message == ("bucket off does not enable Object Lock (object_lock_enabled is False; "
                                       "AWS's default is off)")
    assert found["pending"][0].message.startswith("cannot decide")
    assert set(violations("s3_bucket_object_lock_enabled", graph, {"mode": "COMPLIANCE"})) == {
        "default", "off", "pending", "ok-v2", "ok-legacy-inline"}


def test_access_point_public_access_blocked() -> None:
    def program() -> None:
        aws.s3.AccessPoint("ok-default", bucket="b")
        aws.s3.AccessPoint("ok-explicit", bucket="b", public_access_block_configuration=(
            aws.s3.AccessPointPublicAccessBlockConfigurationArgs(block_public_acls=True, block_public_policy=True,
                                                                 ignore_public_acls=True,
                                                                 restrict_public_buckets=True)))
        aws.s3.AccessPoint("policy-open", bucket="b", public_access_block_configuration=(
            aws.s3.AccessPointPublicAccessBlockConfigurationArgs(block_public_policy=False,
                                                                 restrict_public_buckets=False)))

    found = violations("s3_access_point_public_access_blocked", run_function(program))
    assert set(found) == {"policy-open"}
    assert [v.property for v in found["policy-open"]] == [
        "publicAccessBlockConfiguration.blockPublicPolicy", "publicAccessBlockConfiguration.restrictPublicBuckets"]
    assert found["policy-open"][0].message.startswith("block_public_policy is False")


def test_mrap_public_access_blocked() -> None:
    regions = [aws.s3control.MultiRegionAccessPointDetailsRegionArgs(bucket="b1"),
               aws.s3control.MultiRegionAccessPointDetailsRegionArgs(bucket="b2")]

    def program() -> None:
        aws.s3control.MultiRegionAccessPoint("ok-default", details=aws.s3control.MultiRegionAccessPointDetailsArgs(
            name="ok", regions=regions))
        aws.s3control.MultiRegionAccessPoint("acls-open", details=aws.s3control.MultiRegionAccessPointDetailsArgs(
            name="open", regions=regions, public_access_block=(
                aws.s3control.MultiRegionAccessPointDetailsPublicAccessBlockArgs(block_public_acls=False))))

    found = violations("s3_mrap_public_access_blocked", run_function(program))
    assert set(found) == {"acls-open"}
    assert found["acls-open"][0].property == "details.publicAccessBlock.blockPublicAcls"


def test_directory_bucket_lifecycle() -> None:
    location = aws.s3.DirectoryBucketLocationArgs(name="usw2-az1")

    def program() -> None:
        ok = aws.s3.DirectoryBucket("ok-expiring", bucket="ok--usw2-az1--x-s3", location=location)
        aws.s3.BucketLifecycleConfiguration("lc-ok", bucket=ok.bucket, rules=[
            aws.s3.BucketLifecycleConfigurationRuleArgs(id="expire", status="Enabled",
                                                        expiration=aws.s3.BucketLifecycleConfigurationRuleExpirationArgs(
                                                            days=30))])
        off = aws.s3.DirectoryBucket("disabled", bucket="off--usw2-az1--x-s3", location=location)
        aws.s3.BucketLifecycleConfiguration("lc-off", bucket=off.bucket, rules=[
            aws.s3.BucketLifecycleConfigurationRuleArgs(id="expire", status="Disabled")])
        aws.s3.DirectoryBucket("none", bucket="none--usw2-az1--x-s3", location=location)

    found = violations("s3_directory_bucket_lifecycle_configured", run_function(program))
    assert set(found) == {"disabled", "none"}
    assert found["none"][0].message == "directory bucket none has no lifecycle configuration (AWS adds none)"
    assert "none is Enabled (['Disabled'])" in found["disabled"][0].message
