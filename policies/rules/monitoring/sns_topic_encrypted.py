"""SNS topics are encrypted with a KMS key."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

TOPIC = "aws:sns/topic:Topic"
AWS_MANAGED_KEY = "alias/aws/sns"


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    key = resource.get("kmsMasterKeyId")
    if not key:
        yield Violation("topic sets no kms_master_key_id, and SNS does not encrypt topics at rest with KMS "
                        "by default; this rule demands a KMS key", "kmsMasterKeyId")
    elif config["require_customer_managed_key"] and str(key).endswith(AWS_MANAGED_KEY):
        yield Violation("topic uses the AWS-managed alias/aws/sns key; CloudWatch alarms and EventBridge "
                        "cannot publish to it", "kmsMasterKeyId")


RULE = ResourceRule(
    id="sns_topic_encrypted",
    title="SNS topics are encrypted with a KMS key",
    description=("Alert topics carry finding details (resource names, principals, IPs); encryption at rest "
                 "with a customer-managed key keeps them behind a key policy."),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("data-encryption", "centralized-alerts")},
    remediation=("Set kms_master_key_id= to the environment's alerts key; its key policy must let "
                 "cloudwatch.amazonaws.com and events.amazonaws.com call kms:GenerateDataKey* and kms:Decrypt."),
    resource_types=(TOPIC,),
    config={"require_customer_managed_key": {
        "type": "boolean", "default": False,
        "description": "also fail topics on the AWS-managed alias/aws/sns key (alarms cannot publish to them)"}},
    evaluate=evaluate,
)
