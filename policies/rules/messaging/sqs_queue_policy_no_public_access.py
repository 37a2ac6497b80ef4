"""SQS queue policies do not allow public access (SQS.3)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.messaging import PUBLIC_POLICY_CONFIG, public_policy_violations


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from public_policy_violations(resource, config, "queue")


RULE = ResourceRule(
    id="sqs_queue_policy_no_public_access",
    title="SQS queue policies do not allow a public principal",
    description=(
        "An Allow to Principal '*' (or {'AWS': '*'}, or NotPrincipal) without a condition pinning the "
        "caller's account, organization, source ARN or network lets anyone send, receive or purge the "
        "queue's messages. Checks the Queue's inline policy and QueuePolicy. A queue without a policy "
        "is private to its account (AWS's default)."
    ),
    severity=Severity.CRITICAL,
    frameworks={"aws-fsbp": ("SQS.3",), "seed": ("isolated-and-controlled",)},
    remediation=(
        "Name the principal (an account, role or service such as sns.amazonaws.com) or add a condition "
        "such as {'ArnEquals': {'aws:SourceArn': topic.arn}} or {'StringEquals': {'aws:PrincipalOrgID': "
        "org_id}} to the statement in policy=."
    ),
    resource_types=("aws:sqs/queue:Queue", "aws:sqs/queuePolicy:QueuePolicy"),
    config=PUBLIC_POLICY_CONFIG,
    evaluate=evaluate,
)
