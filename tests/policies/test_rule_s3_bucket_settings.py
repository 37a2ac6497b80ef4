"""s3_bucket_encrypted, _versioning_enabled, _public_access_blocked, _ownership_enforced, _access_logging,
_lifecycle_configured and s3_account_public_access_blocked: stack rules over the bucket join."""

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations
from test_rule_s3_join import sse_v1, sse_v2

from lz.mock_engine import run_function

s3 = aws.s3


def test_encrypted_requires_kms_by_default_and_accepts_aes256_when_relaxed() -> None:
    def program() -> None:
        sse_v2(s3.BucketV2("ok-kms"), "kms-sse", "aws:kms")
        sse_v1(s3.Bucket("ok-dsse"), "dsse-sse", "aws:kms:dsse")
        sse_v2(s3.BucketV2("aes"), "aes-sse", "AES256")
        s3.BucketV2("plain")
        mixed = s3.BucketV2("mixed")  # two declarations fight over one setting: both must comply
        sse_v1(mixed, "mixed-kms", "aws:kms")
        sse_v2(mixed, "mixed-aes", "AES256")

    assert evaluate_rule("s3_bucket_encrypted", program) == {"aes", "plain", "mixed"}
    assert evaluate_rule("s3_bucket_encrypted", program, {"require_kms": False}) == {"plain"}
    assert evaluate_rule("s3_bucket_encrypted", program, {"exemptions": ["pl*", "mix*"]}) == {"aes"}
    [v] = violations("s3_bucket_encrypted", run_function(program))["aes"]
    assert "BucketServerSideEncryptionConfigurationV2 aes-sse" in v.message and "'AES256'" in v.message
    assert v.urn and v.urn.endswith("BucketV2::aes")


def test_versioning_enabled_and_optional_mfa_delete() -> None:
    def program() -> None:
        s3.Bucket("ok-inline", versioning=s3.BucketVersioningArgs(enabled=True, mfa_delete=True))
        on = s3.BucketV2("ok-split")
        s3.BucketVersioningV2("on", bucket=on.id, versioning_configuration=(
            s3.BucketVersioningV2VersioningConfigurationArgs(status="Enabled")))
        off = s3.BucketV2("suspended")
        s3.BucketVersioning("off", bucket=off.id, versioning_configuration=(
            s3.BucketVersioningVersioningConfigurationArgs(status="Suspended")))
        s3.BucketV2("inline-disabled", versionings=[s3.BucketV2VersioningArgs(enabled=False)])
        s3.BucketV2("none")

    assert evaluate_rule("s3_bucket_versioning_enabled", program) == {"suspended", "inline-disabled", "none"}
    assert evaluate_rule("s3_bucket_versioning_enabled", program, {"require_mfa_delete": True}) == {
        "ok-split", "suspended", "inline-disabled", "none"
    }


def pab(name: str, bucket: s3.BucketV2, **flags: object) -> None:
    all_on = {"block_public_acls": True, "block_public_policy": True, "ignore_public_acls": True,
              "restrict_public_buckets": True}
    s3.BucketPublicAccessBlock(name, bucket=bucket.id, **{**all_on, **flags})  # type: ignore[arg-type]


def test_bucket_public_access_blocked_needs_all_four_flags() -> None:
    def program() -> None:
        pab("all", s3.BucketV2("ok-blocked"))
        pab("half", s3.Bucket("policy-open"), block_public_policy=False)
        pab("no-restrict", s3.BucketV2("restrict-missing"), restrict_public_buckets=None)
        s3.BucketV2("unblocked")

    assert evaluate_rule("s3_bucket_public_access_blocked", program) == {
        "policy-open", "restrict-missing", "unblocked"
    }
    [v] = violations("s3_bucket_public_access_blocked", run_function(program))["policy-open"]
    assert v.property == "blockPublicPolicy"
    assert "blockPublicPolicy=False" in v.message


def test_bucket_public_access_block_with_several_flags_off_is_one_finding_listing_them() -> None:
    def program() -> None:
        pab("mostly-off", s3.BucketV2("three-off"), block_public_acls=False, ignore_public_acls=False,
            restrict_public_buckets=None)
        s3.BucketV2("unblocked")

    found = violations("s3_bucket_public_access_blocked", run_function(program))
    assert {name: [v.property for v in vs] for name, vs in found.items()} == {
        "three-off": ["blockPublicAcls"], "unblocked": ["bucket"]}
    [v] = found["three-off"]
    assert v.message == ("BucketPublicAccessBlock mostly-off leaves blockPublicAcls=False, ignorePublicAcls=False, "
                         "restrictPublicBuckets=None; all four flags must be true")
    assert "since April 2023" in found["unblocked"][0].message


def test_account_block_suffices_only_when_configured_and_complete() -> None:
    def with_account_block(restrict: bool) -> object:
        def program() -> None:
            s3.AccountPublicAccessBlock("account", block_public_acls=True, block_public_policy=True,
                                        ignore_public_acls=True, restrict_public_buckets=restrict)
            s3.BucketV2("bucket")
        return program

    config = {"account_block_suffices": True}
    assert evaluate_rule("s3_bucket_public_access_blocked", with_account_block(True)) == {"bucket"}  # type: ignore[arg-type]
    assert evaluate_rule("s3_bucket_public_access_blocked", with_account_block(True), config) == set()  # type: ignore[arg-type]
    assert evaluate_rule("s3_bucket_public_access_blocked", with_account_block(False), config) == {"bucket"}  # type: ignore[arg-type]


def test_unknown_flag_during_preview_is_cannot_decide_for_that_bucket_only() -> None:
    def program() -> None:
        pab("pending-pab", s3.BucketV2("pending"), block_public_acls=unknown(True))
        s3.BucketV2("unblocked")
        pab("all", s3.BucketV2("ok-blocked"))

    found = violations("s3_bucket_public_access_blocked", run_function(program))
    assert set(found) == {"pending", "unblocked"}
    [only] = found["pending"]
    assert only.message.startswith("cannot decide: blockPublicAcls is not known until apply")
    assert only.property == "blockPublicAcls"


def test_account_public_access_blocked_is_a_presence_rule() -> None:
    def present() -> None:
        s3.AccountPublicAccessBlock("ok-account", block_public_acls=True, block_public_policy=True,
                                    ignore_public_acls=True, restrict_public_buckets=True)

    def partial() -> None:
        s3.AccountPublicAccessBlock("partial", block_public_acls=True, block_public_policy=True)

    assert evaluate_rule("s3_account_public_access_blocked", present) == set()
    assert evaluate_rule("s3_account_public_access_blocked", partial) == {"partial"}
    assert evaluate_rule("s3_account_public_access_blocked", lambda: None) == {"<stack>"}
    [v] = violations("s3_account_public_access_blocked", run_function(partial))["partial"]
    assert v.property == "ignorePublicAcls"
    assert v.message == ("account public access block partial leaves ignorePublicAcls=None, "
                         "restrictPublicBuckets=None; all four flags must be true")


def test_ownership_enforced() -> None:
    def program() -> None:
        def controls(name: str, bucket: s3.BucketV2, ownership: str) -> None:
            s3.BucketOwnershipControls(name, bucket=bucket.id, rule=s3.BucketOwnershipControlsRuleArgs(
                object_ownership=ownership))

        controls("enforced", s3.BucketV2("ok-enforced"), "BucketOwnerEnforced")
        controls("preferred", s3.Bucket("acls-on"), "BucketOwnerPreferred")
        controls("writer", s3.BucketV2("writer"), "ObjectWriter")
        s3.BucketV2("implicit")

    assert evaluate_rule("s3_bucket_ownership_enforced", program) == {"acls-on", "writer", "implicit"}
    assert evaluate_rule("s3_bucket_ownership_enforced", program, {"accept_aws_default": True}) == {
        "acls-on", "writer"
    }


def test_access_logging_and_log_targets() -> None:
    def program() -> None:
        logs = s3.BucketV2("access-logs")
        s3.BucketLoggingV2("app-log", bucket=s3.BucketV2("ok-split").id, target_bucket=logs.id, target_prefix="a/")
        s3.BucketLogging("plain-log", bucket=s3.Bucket("ok-split-plain").id, target_bucket=logs.id,
                         target_prefix="b/")
        s3.Bucket("ok-inline", logging=s3.BucketLoggingArgs(target_bucket="access-logs-x", target_prefix="c/"))
        s3.BucketV2("ok-inline-v2", loggings=[s3.BucketV2LoggingArgs(target_bucket="x", target_prefix="d/")])
        s3.BucketV2("unlogged")

    assert evaluate_rule("s3_bucket_access_logging", program) == {"unlogged"}
    assert evaluate_rule("s3_bucket_access_logging", program, {"skip_log_targets": False}) == {
        "unlogged", "access-logs"
    }


def test_lifecycle_configured() -> None:
    def program() -> None:
        s3.Bucket("ok-inline", lifecycle_rules=[s3.BucketLifecycleRuleArgs(enabled=True)])
        s3.BucketLifecycleConfigurationV2("lc", bucket=s3.BucketV2("ok-split").id, rules=[
            s3.BucketLifecycleConfigurationV2RuleArgs(id="expire", status="Enabled")])
        s3.BucketLifecycleConfiguration("lc-off", bucket=s3.BucketV2("all-disabled").id, rules=[
            s3.BucketLifecycleConfigurationRuleArgs(id="expire", status="Disabled")])
        s3.BucketV2("none")

    assert evaluate_rule("s3_bucket_lifecycle_configured", program) == {"all-disabled", "none"}


def test_sse_s3_is_accepted_only_on_buckets_that_receive_elb_access_logs() -> None:
    import json

    def sse(name: str, algorithm: str, policy: dict | None) -> None:
        bucket = aws.s3.Bucket(name, bucket=name)
        aws.s3.BucketServerSideEncryptionConfiguration(
            f"{name}-sse", bucket=bucket.id,
            rules=[aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                apply_server_side_encryption_by_default=aws.s3.
                BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                    sse_algorithm=algorithm))])
        if policy is not None:
            aws.s3.BucketPolicy(f"{name}-policy", bucket=bucket.id, policy=json.dumps(policy))

    def grant(service: str) -> dict:
        return {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": service}, "Action": "s3:PutObject",
            "Resource": "arn:aws:s3:::x/AWSLogs/123456789012/*"}]}

    def program() -> None:
        sse("ok-elb-logs", "AES256", grant("logdelivery.elasticloadbalancing.amazonaws.com"))
        sse("other-service", "AES256", grant("logging.s3.amazonaws.com"))
        sse("no-policy", "AES256", None)

    assert evaluate_rule("s3_bucket_encrypted", program) == {"other-service", "no-policy"}
    assert evaluate_rule("s3_bucket_encrypted", program, {"allow_sse_s3_for_elb_logs": False}) == {
        "ok-elb-logs", "other-service", "no-policy"}
