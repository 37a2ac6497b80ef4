"""ECS containers ship their logs somewhere (FSBP ECS.9)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, Violation
from .._lib.containers import Container, container_rule


def check(resource: ResourceView, container: Container, config: Mapping[str, Any]) -> Iterator[Violation]:
    log = container.get("logConfiguration")
    if not isinstance(log, Mapping) or not log.get("logDriver"):
        yield Violation(f"container {container.name} has no logConfiguration.logDriver, so its output stays on the "
                        "host (or is lost on Fargate); the rule demands a log driver such as awslogs",
                        container.path("logConfiguration"))


RULE = container_rule(
    "ecs_container_logging_configured",
    check=check,
    title="ECS container definitions have a logging configuration",
    description=(
        "Without a log driver a container's output is not collected centrally: on Fargate it is gone with "
        "the task, on EC2 it sits in the Docker json-file on the host. Every container definition needs a "
        "logConfiguration naming a logDriver. Task definitions and daemon task definitions are both checked."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("ECS.9",), "seed": ("logging",)},
    remediation='Add "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": <log group>, '
                '"awslogs-region": ..., "awslogs-stream-prefix": ...}} to each container definition.',
)
