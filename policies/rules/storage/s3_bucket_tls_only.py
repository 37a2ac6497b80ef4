"""Every bucket's policy denies requests that do not use TLS (aws:SecureTransport false)."""

from collections.abc import Iterator, Mapping
from fnmatch import fnmatchcase
from typing import Any

from ...framework import Severity, Violation
from .._lib.docs import DocumentError, Statement, parse_document
from .._lib.s3 import S3Bucket, bucket_rule, facts

PARTITIONS = ("aws", "aws-cn", "aws-us-gov")


def _covers(patterns: tuple[str, ...], arn_tail: str) -> bool:
    """A Resource pattern matches the ARN (any partition); ``arn_tail`` is ``bucket`` or ``bucket/*``."""
    arns = [f"arn:{partition}:s3:::{arn_tail}" for partition in PARTITIONS]
    return any(fnmatchcase(arn, pattern) for pattern in patterns for arn in arns)


def _insecure_transport_condition(conditions: Mapping[str, Any]) -> bool:
    for operator, block in conditions.items():
        if str(operator).lower() not in ("bool", "boolifexists") or not isinstance(block, Mapping):
            continue
        for key, values in block.items():
            items = values if isinstance(values, list | tuple) else [values]
            if str(key).lower() == "aws:securetransport" and [str(v).lower() for v in items] == ["false"]:
                return True
    return False


def denies_plain_http(statement: Statement, bucket_name: str) -> bool:
    return (
        statement.effect == "Deny"
        and "*" in statement.principals
        and any(a.lower() in ("s3:*", "*") for a in statement.actions)
        and _insecure_transport_condition(statement.conditions)
        and _covers(statement.resources, bucket_name)
        and _covers(statement.resources, f"{bucket_name}/*")
    )


def check(bucket: S3Bucket, config: Mapping[str, Any]) -> Iterator[Violation]:
    found = facts(bucket, "policy")
    if not found:
        yield Violation(f"bucket {bucket.name} has no bucket policy denying plain HTTP", "policy")
        return
    name = str(bucket.physical_name())
    for fact in found:
        try:
            statements = parse_document(fact.value)
        except DocumentError as err:
            yield Violation(f"{fact.where} cannot be read: {err}", fact.path)
            continue
        if not any(denies_plain_http(s, name) for s in statements):
            yield Violation(f"{fact.where} has no Deny of s3:* on the bucket and its objects when "
                            "aws:SecureTransport is false", fact.path)


RULE = bucket_rule(
    "s3_bucket_tls_only",
    check,
    title="S3 bucket policies deny requests without TLS",
    description=(
        "Without a Deny on aws:SecureTransport=false a client can read or write objects over plain HTTP, "
        "exposing data and credentials-signed requests on the wire. Every bucket policy that applies to "
        "the bucket (inline policy or a BucketPolicy) must carry the Deny, for the bucket and its objects."
    ),
    severity=Severity.MEDIUM,
    frameworks={
        "aws-fsbp": ("S3.5",),
        "cis-aws-5.0": ("2.1.1",),
        "cis-aws-3.0": ("2.1.1",),
        "seed": ("secure-access", "data-encryption"),
    },
    remediation=(
        "Add to the bucket's aws.s3.BucketPolicy a statement {Effect: Deny, Principal: '*', Action: 's3:*', "
        "Resource: [bucket.arn, bucket.arn + '/*'], Condition: {Bool: {'aws:SecureTransport': 'false'}}}."
    ),
)
