"""Every bucket has default server-side encryption, SSE-KMS unless a team relaxes it."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, Violation
from .._lib.docs import DocumentError, parse_document
from .._lib.s3 import S3Bucket, bucket_rule, facts

KMS_ALGORITHMS = ("aws:kms", "aws:kms:dsse")
ALGORITHMS = ("AES256", *KMS_ALGORITHMS)
#: Principals that deliver load balancer access logs: the log-delivery service and the regional ELB
#: accounts (arn:aws:iam::<elb-account>:root). ELB cannot write to SSE-KMS buckets (AWS documents
#: SSE-S3 only), so a bucket that receives them may use AES256 and still be encrypted.
ELB_LOG_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com"


def receives_elb_logs(bucket: S3Bucket) -> bool:
    """The bucket's policy allows the ELB log-delivery service to write (an unreadable policy: no)."""
    for fact in facts(bucket, "policy"):
        try:
            statements = parse_document(fact.value) if fact.value else []
        except DocumentError:
            continue
        if any(s.effect == "Allow" and ELB_LOG_SERVICE in s.principals for s in statements):
            return True
    return False


def check(bucket: S3Bucket, config: Mapping[str, Any]) -> Iterator[Violation]:
    found = facts(bucket, "encryption")
    if not found:
        yield Violation(f"bucket {bucket.name} declares no default server-side encryption, so it gets AWS's "
                        "default for buckets since January 2023, SSE-S3 (AES256); this rule demands "
                        f"{' or '.join(KMS_ALGORITHMS)} unless configured otherwise",
                        "serverSideEncryptionConfiguration")
    relaxed = not config["require_kms"] or (config["allow_sse_s3_for_elb_logs"] and receives_elb_logs(bucket))
    allowed = ALGORITHMS if relaxed else KMS_ALGORITHMS
    for fact in found:
        if fact.value not in allowed:
            note = " (SSE-S3, what AWS applies anyway since January 2023)" if fact.value == "AES256" else ""
            yield Violation(f"{fact.where} is {fact.value!r}{note}, expected one of {', '.join(allowed)}",
                            fact.path)


RULE = bucket_rule(
    "s3_bucket_encrypted",
    check,
    title="S3 buckets have default server-side encryption with a KMS key",
    description=(
        "Without a declared default encryption a bucket falls back to SSE-S3, whose key any principal "
        "with s3:GetObject can use; SSE-KMS puts every read behind the key policy and leaves a CloudTrail "
        "record of each decrypt. Reads inline args of Bucket/BucketV2 and both "
        "BucketServerSideEncryptionConfiguration tokens; every declaration must comply."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("S3.17",), "seed": ("data-encryption",)},
    remediation=(
        "Add aws.s3.BucketServerSideEncryptionConfiguration(bucket=bucket.id, rules=[...("
        'apply_server_side_encryption_by_default=...(sse_algorithm="aws:kms", kms_master_key_id=key.arn), '
        "bucket_key_enabled=True)]) for the bucket."
    ),
    config={"require_kms": {"type": "boolean", "default": True,
                            "description": "require aws:kms or aws:kms:dsse; false also accepts AES256"},
            "allow_sse_s3_for_elb_logs": {
                "type": "boolean", "default": True,
                "description": "accept AES256 on a bucket whose policy lets ELB deliver access logs "
                               "(logdelivery.elasticloadbalancing.amazonaws.com): ELB cannot write SSE-KMS"}},
)
