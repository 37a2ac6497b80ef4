"""CloudTrail logs are encrypted with a KMS key (CIS 3.5)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.audit import TRAIL


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not resource.get("kmsKeyId"):
        yield Violation("trail sets no kms_key_id, so CloudTrail delivers its logs with its default SSE-S3 "
                        "encryption; this rule demands SSE-KMS with a customer-managed key", "kmsKeyId")


RULE = ResourceRule(
    id="cloudtrail_kms_encrypted",
    title="CloudTrail logs are encrypted with a KMS key",
    description=("SSE-KMS puts reading the trail behind a key policy as well as the bucket policy, so a "
                 "bucket misconfiguration alone does not expose the account's activity history."),
    severity=Severity.MEDIUM,
    frameworks={
        "aws-fsbp": ("CloudTrail.2",),
        "cis-aws-5.0": ("3.5",),
        "cis-aws-3.0": ("3.5",),
        "seed": ("audited", "data-encryption"),
    },
    remediation=("Set kms_key_id= to the ARN of the landing zone's CloudTrail key (its key policy must let "
                 "cloudtrail.amazonaws.com GenerateDataKey*)."),
    resource_types=(TRAIL,),
    evaluate=evaluate,
)
