"""Cognito user pools have deletion protection ACTIVE."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    value = resource.get("deletionProtection") or "INACTIVE"  # AWS's default
    if value != "ACTIVE":
        yield Violation(f"deletion_protection is {value!r}; ACTIVE required", "deletionProtection")


RULE = ResourceRule(
    id="cognito_user_pool_deletion_protection",
    title="Cognito user pools have deletion protection enabled",
    description=(
        "Deleting a user pool deletes every user, their MFA devices and app clients, and cannot be undone; "
        "a replacement from a renamed resource or a mistaken destroy would lock every customer out. "
        "AWS's default is INACTIVE."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Cognito.6",), "seed": ("high-availability", "user-management")},
    remediation='Set deletion_protection="ACTIVE" on aws.cognito.UserPool.',
    resource_types=("aws:cognito/userPool:UserPool",),
    evaluate=evaluate,
)
