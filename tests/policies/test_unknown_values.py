"""A value unknown during preview reads the same in every rule family: one message, made in the framework.

Resource rules (the adapter), stack rules judging subjects one by one (``each_resource``), the compute
family, the S3 bucket family and ``iam_no_full_admin_policy`` used to word it three ways.
"""

import ast
from collections.abc import Callable
from pathlib import Path

import pulumi_aws as aws
import pytest
from fixtures import unknown
from harness import rule, violations

from lz.mock_engine import run_function
from policies.framework import StackRule, cannot_decide

POLICIES = Path(__file__).resolve().parents[2] / "policies"
ADMIN = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}'


def _log_group() -> None:
    aws.cloudwatch.LogGroup("pending", retention_in_days=unknown(365), kms_key_id="arn:aws:kms:eu-west-1:1:key/x")


def _route() -> None:
    api = aws.apigatewayv2.Api("web", protocol_type="HTTP")
    aws.apigatewayv2.Route("pending", api_id=api.id, route_key=unknown("GET /x"))


def _instance() -> None:
    aws.ec2.Instance("pending", ami="ami-0123456789abcdef0", instance_type="t3.micro", user_data=unknown("#!/bin/sh"))


def _bucket() -> None:
    bucket = aws.s3.BucketV2("pending")
    aws.s3.BucketPublicAccessBlock("pending-pab", bucket=bucket.id, block_public_acls=unknown(True),
                                   block_public_policy=True, ignore_public_acls=True, restrict_public_buckets=True)


def _policy() -> None:
    aws.iam.Policy("pending", policy=unknown(ADMIN))


FAMILIES = [
    ("log_group_retention", _log_group, "retentionInDays"),  # resource rule: the adapter
    ("apigw_route_authorization", _route, "routeKey"),  # stack rule: framework.each_resource
    ("ec2_antivirus_bootstrap", _instance, "userData"),  # the compute family
    ("s3_bucket_public_access_blocked", _bucket, "blockPublicAcls"),  # the S3 bucket family
    ("iam_no_full_admin_policy", _policy, "policy"),  # its own per-resource loop before
]


@pytest.mark.parametrize(("rule_id", "program", "prop"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_every_family_says_cannot_decide_in_the_same_words(rule_id: str, program: Callable[[], None],
                                                            prop: str) -> None:
    graph = run_function(program)
    found = violations(rule_id, graph)
    assert list(found) == ["pending"]
    [only] = found["pending"]
    assert (only.message, only.property) == (f"cannot decide: {prop} is not known until apply", prop)
    assert only == cannot_decide(prop, only.urn)
    if isinstance(rule(rule_id), StackRule):  # pinned to the subject, so the gate reports it on that resource
        assert only.urn == next(r.urn for r in graph.resources if r.name == "pending")


def test_no_rule_imports_pulumi_policy() -> None:
    """Rules meet the SDK only through the framework (its UnknownValueError, judged, cannot_decide)."""
    offenders = []
    for path in sorted((POLICIES / "rules").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.relative_to(POLICIES)}:{node.lineno}" for n in names
                          if n.split(".")[0] == "pulumi_policy"]
    assert offenders == []
