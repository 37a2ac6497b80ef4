"""SNS topics log message delivery status (SNS.2)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation, any_known

PROTOCOLS = ("application", "firehose", "http", "lambda", "sqs")


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    roles = [f"{p}{kind}FeedbackRoleArn" for p in PROTOCOLS for kind in ("Success", "Failure")]
    # One known feedback role passes even while another is still unknown during a preview.
    if not any_known(roles, lambda prop: bool(resource.get(prop))):
        yield Violation("no delivery status logging: none of the <protocol>SuccessFeedbackRoleArn / "
                        "<protocol>FailureFeedbackRoleArn properties is set (AWS's default logs nothing)",
                        "sqsFailureFeedbackRoleArn")


RULE = ResourceRule(
    id="sns_topic_delivery_status_logging",
    title="SNS topics log message delivery status to CloudWatch Logs",
    description=(
        "Without delivery status logging a message SNS accepted but could not deliver (endpoint down, "
        "Lambda erroring, SQS permission denied) leaves no trace. The rule demands at least one "
        "success or failure feedback role for a protocol (application, Firehose, HTTP/S, Lambda, SQS); "
        "AWS logs nothing by default."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("SNS.2",), "seed": ("logging",)},
    remediation=(
        "Set <protocol>_failure_feedback_role_arn= (and optionally <protocol>_success_feedback_role_arn= "
        "with <protocol>_success_feedback_sample_rate=) on the Topic, e.g. sqs_failure_feedback_role_arn="
        "role.arn, with a role that sns.amazonaws.com can assume and that may write CloudWatch Logs."
    ),
    resource_types=("aws:sns/topic:Topic",),
    evaluate=evaluate,
)
