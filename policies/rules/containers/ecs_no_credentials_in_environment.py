"""ECS containers do not pass AWS credentials as environment variables (FSBP ECS.8)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, Violation
from .._lib.containers import Container, container_rule


def check(resource: ResourceView, container: Container, config: Mapping[str, Any]) -> Iterator[Violation]:
    banned = {str(k).upper() for k in config["secret_keys"]}
    for i, variable in enumerate(container.get("environment") or ()):
        name = variable.get("name") if isinstance(variable, Mapping) else None
        if isinstance(name, str) and name.upper() in banned:
            yield Violation(f"container {container.name} sets environment variable {name} in plain text; the rule "
                            "demands it come from Secrets Manager or SSM through \"secrets\" (or, for AWS keys, "
                            "from the task role)", container.path(f"environment[{i}].name"))


RULE = container_rule(
    "ecs_no_credentials_in_environment",
    check=check,
    title="ECS containers do not pass credentials as plain environment variables",
    description=(
        "Environment values are stored in the task definition, readable by anyone with "
        "ecs:DescribeTaskDefinition and shown in the console. FSBP ECS.8 fails a container whose "
        "environment names AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or ECS_ENGINE_AUTH_DATA; it judges "
        "names only, not values (plaintext secret detection is another rule's job)."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("ECS.8",), "seed": ("secure-access",)},
    remediation='Give the task a task_role_arn instead of AWS keys; pass other secrets with "secrets": '
                '[{"name": ..., "valueFrom": <Secrets Manager or SSM parameter ARN>}].',
    config={"secret_keys": {"type": "array", "items": {"type": "string"},
                            "default": ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"],
                            "description": "environment variable names (case-insensitive) that must never be "
                                           "set in plain text; FSBP ECS.8's secretKeys"}},
)
