"""SNS topic policies do not allow public access (SNS.4)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.messaging import PUBLIC_POLICY_CONFIG, public_policy_violations


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from public_policy_violations(resource, config, "topic")


RULE = ResourceRule(
    id="sns_topic_policy_no_public_access",
    title="SNS topic policies do not allow a public principal",
    description=(
        "An Allow to Principal '*' (or {'AWS': '*'}, or NotPrincipal) without a condition pinning the "
        "caller (aws:SourceOwner, aws:SourceArn, aws:PrincipalOrgID, ...) lets anyone publish to the "
        "topic or subscribe an endpoint and read every message. Checks the Topic's inline policy and "
        "TopicPolicy. AWS's default topic policy allows only the owning account."
    ),
    severity=Severity.CRITICAL,
    frameworks={"aws-fsbp": ("SNS.4",), "seed": ("isolated-and-controlled",)},
    remediation=(
        "Name the principal (an account root, role or service such as events.amazonaws.com) or add "
        "{'StringEquals': {'AWS:SourceOwner': account_id}} / {'ArnLike': {'aws:SourceArn': ...}} to the "
        "statement in policy=."
    ),
    resource_types=("aws:sns/topic:Topic", "aws:sns/topicPolicy:TopicPolicy"),
    config=PUBLIC_POLICY_CONFIG,
    evaluate=evaluate,
)
