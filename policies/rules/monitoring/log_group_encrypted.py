"""CloudWatch log groups are encrypted with a KMS key."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.audit import LOG_GROUP


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not resource.get("kmsKeyId"):
        yield Violation("log group sets no kms_key_id: CloudWatch Logs encrypts it only with a service-owned "
                        "key (its default); this rule demands a customer-managed KMS key", "kmsKeyId")


RULE = ResourceRule(
    id="log_group_encrypted",
    title="CloudWatch log groups are encrypted with a KMS key",
    description=("Logs hold evidence and often secrets that leaked into them; a customer-managed key puts "
                 "reading them behind the key policy and lets access be revoked by disabling the key."),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("data-encryption", "logging")},
    remediation=("Set kms_key_id= to the ARN of the environment's logs key (its key policy must allow "
                 "logs.<region>.amazonaws.com to use it)."),
    resource_types=(LOG_GROUP,),
    evaluate=evaluate,
)
