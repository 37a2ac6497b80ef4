"""rules/_lib/s3.py: one bucket's facts gathered from inline args and every split resource, both tokens.

This is what the S3 rules stand on: a bucket configured through BucketV2 plus split resources must be
judged on those resources, not reported bare (Pulumi's own policies only read inline Bucket args).
"""

from collections.abc import Callable

import pulumi_aws as aws
import pytest
from harness import evaluate_rule, pack_props

from lz.analyzer import stack_properties
from lz.mock_engine import run_function
from policies.framework import StackView
from policies.rules._lib.s3 import S3Bucket, buckets, facts

s3 = aws.s3


def stack_of(program: Callable[[], None]) -> StackView:
    from policies.framework import ResourceView

    graph = run_function(program)
    return StackView(tuple(
        ResourceView(r.type, r.name, r.urn, pack_props(stack_properties(r)), r.parent, r.dependencies)
        for r in graph.resources
    ))


def facts_by_bucket(program: Callable[[], None], setting: str) -> dict[str, list[tuple[str, object]]]:
    return {b.name: [(f.where, f.value) for f in facts(b, setting)] for b in buckets(stack_of(program))}


def sse_v1(bucket: s3.Bucket | s3.BucketV2, name: str, algorithm: str) -> None:
    s3.BucketServerSideEncryptionConfiguration(name, bucket=bucket.id, rules=[
        s3.BucketServerSideEncryptionConfigurationRuleArgs(
            apply_server_side_encryption_by_default=s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                sse_algorithm=algorithm))])


def sse_v2(bucket: s3.Bucket | s3.BucketV2, name: str, algorithm: str) -> None:
    s3.BucketServerSideEncryptionConfigurationV2(name, bucket=bucket.id, rules=[
        s3.BucketServerSideEncryptionConfigurationV2RuleArgs(
            apply_server_side_encryption_by_default=s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs(
                sse_algorithm=algorithm))])


def test_bucket_v2_with_split_sse_v2_passes_and_bare_bucket_v2_fails() -> None:
    def program() -> None:
        sse_v2(s3.BucketV2("ok-v2-split"), "ok-v2-split-sse", "aws:kms")
        s3.BucketV2("bare-v2")
        s3.Bucket("bare-v1")

    assert evaluate_rule("s3_bucket_encrypted", program) == {"bare-v2", "bare-v1"}


def test_encryption_facts_from_every_shape() -> None:
    def program() -> None:
        s3.Bucket("inline-v1", server_side_encryption_configuration=s3.BucketServerSideEncryptionConfigurationArgs(
            rule=s3.BucketServerSideEncryptionConfigurationRuleArgs(
                apply_server_side_encryption_by_default=s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                    sse_algorithm="aws:kms"))))
        s3.BucketV2("inline-v2", server_side_encryption_configurations=[
            s3.BucketV2ServerSideEncryptionConfigurationArgs(rules=[
                s3.BucketV2ServerSideEncryptionConfigurationRuleArgs(apply_server_side_encryption_by_defaults=[
                    s3.BucketV2ServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                        sse_algorithm="AES256")])])])
        sse_v1(s3.Bucket("split-v1"), "sse-plain", "aws:kms:dsse")
        sse_v2(s3.BucketV2("split-v2"), "sse-v2", "aws:kms")
        s3.Bucket("other")

    assert facts_by_bucket(program, "encryption") == {
        "inline-v1": [("Bucket inline-v1: serverSideEncryptionConfiguration.rule"
                       ".applyServerSideEncryptionByDefault.sseAlgorithm", "aws:kms")],
        "inline-v2": [("BucketV2 inline-v2: serverSideEncryptionConfigurations[0].rules[0]"
                       ".applyServerSideEncryptionByDefaults[0].sseAlgorithm", "AES256")],
        "split-v1": [("BucketServerSideEncryptionConfiguration sse-plain: rules[0]"
                      ".applyServerSideEncryptionByDefault.sseAlgorithm", "aws:kms:dsse")],
        "split-v2": [("BucketServerSideEncryptionConfigurationV2 sse-v2: rules[0]"
                      ".applyServerSideEncryptionByDefault.sseAlgorithm", "aws:kms")],
        "other": [],
    }


@pytest.mark.parametrize("version", ["plain", "v2"])
def test_versioning_facts_inline_and_split(version: str) -> None:
    resource, config = ((s3.BucketVersioning, s3.BucketVersioningVersioningConfigurationArgs) if version == "plain"
                        else (s3.BucketVersioningV2, s3.BucketVersioningV2VersioningConfigurationArgs))

    def program() -> None:
        s3.Bucket("inline-v1", versioning=s3.BucketVersioningArgs(enabled=True))
        s3.BucketV2("inline-v2", versionings=[s3.BucketV2VersioningArgs(enabled=False)])
        split = s3.BucketV2("split")
        resource("split-ver", bucket=split.id, versioning_configuration=config(status="Suspended"))

    assert facts_by_bucket(program, "versioning") == {
        "inline-v1": [("Bucket inline-v1: versioning.enabled", "Enabled")],
        "inline-v2": [("BucketV2 inline-v2: versionings[0].enabled", "Disabled")],
        "split": [(f"{resource.__name__} split-ver: versioningConfiguration.status", "Suspended")],
    }


def test_logging_policy_ownership_lifecycle_and_public_access_block_are_joined() -> None:
    def program() -> None:
        b = s3.BucketV2("b", bucket="named-b")
        s3.BucketLogging("log-plain", bucket=b.id, target_bucket="logs", target_prefix="b/")
        s3.BucketLoggingV2("log-v2", bucket=b.id, target_bucket="logs-2", target_prefix="b/")
        s3.BucketPolicy("pol", bucket="named-b", policy="{}")  # a literal name, as written for named buckets
        s3.BucketOwnershipControls("own", bucket=b.id, rule=s3.BucketOwnershipControlsRuleArgs(
            object_ownership="ObjectWriter"))
        s3.BucketLifecycleConfiguration("lc-plain", bucket=b.id, rules=[
            s3.BucketLifecycleConfigurationRuleArgs(id="a", status="Enabled")])
        s3.BucketLifecycleConfigurationV2("lc-v2", bucket=b.id, rules=[
            s3.BucketLifecycleConfigurationV2RuleArgs(id="b", status="Disabled")])
        s3.BucketPublicAccessBlock("pab", bucket=b.id, block_public_acls=True)
        s3.Bucket("inline", logging=s3.BucketLoggingArgs(target_bucket="logs", target_prefix="b/"), policy="{}",
                  lifecycle_rules=[s3.BucketLifecycleRuleArgs(enabled=True)])
        s3.BucketV2("inline-v2", loggings=[s3.BucketV2LoggingArgs(target_bucket="logs", target_prefix="b/")],
                    lifecycle_rules=[s3.BucketV2LifecycleRuleArgs(enabled=False)])

    stack = stack_of(program)
    by_name: dict[str, S3Bucket] = {b.name: b for b in buckets(stack)}
    values = lambda name, setting: [f.value for f in facts(by_name[name], setting)]  # noqa: E731
    assert values("b", "logging") == ["logs", "logs-2"]
    assert values("b", "policy") == ["{}"]
    assert values("b", "ownership") == ["ObjectWriter"]
    assert values("b", "lifecycle") == ["Enabled", "Disabled"]
    assert values("b", "public_access_block") == [True, None, None, None]
    assert values("inline", "logging") == ["logs"]
    assert values("inline", "policy") == ["{}"]
    assert values("inline", "lifecycle") == ["Enabled"]
    assert values("inline-v2", "logging") == ["logs"]
    assert values("inline-v2", "lifecycle") == ["Disabled"]
    assert values("inline", "ownership") == []


def test_a_split_resource_on_another_bucket_is_not_joined() -> None:
    def program() -> None:
        a = s3.BucketV2("a")
        s3.BucketV2("b")
        sse_v2(a, "a-sse", "aws:kms")
        sse_v2(a, "external-sse", "aws:kms")  # both on a; b has nothing
        s3.BucketServerSideEncryptionConfigurationV2("elsewhere", bucket="not-in-this-stack", rules=[
            s3.BucketServerSideEncryptionConfigurationV2RuleArgs(
                apply_server_side_encryption_by_default=s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs(
                    sse_algorithm="aws:kms"))])

    assert {k: len(v) for k, v in facts_by_bucket(program, "encryption").items()} == {"a": 2, "b": 0}
    assert evaluate_rule("s3_bucket_encrypted", program) == {"b"}


def test_preview_unknown_bucket_reference_is_joined_by_dependency() -> None:
    def program() -> None:
        import pulumi
        from fixtures import unknown

        b = s3.BucketV2("ok-pending-id")
        pending = pulumi.Output.all(b.id, unknown("x")).apply(lambda ids: ids[0])
        s3.BucketServerSideEncryptionConfigurationV2("sse", bucket=pending, rules=[
            s3.BucketServerSideEncryptionConfigurationV2RuleArgs(
                apply_server_side_encryption_by_default=s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs(
                    sse_algorithm="aws:kms"))])
        s3.BucketV2("bare")

    assert evaluate_rule("s3_bucket_encrypted", program) == {"bare"}
