"""Windows ECS containers name a non-administrator user (FSBP ECS.21)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, Violation
from .._lib.containers import Container, container_rule, operating_system

ADMIN = "containeradministrator"


def _is_windows(resource: ResourceView) -> bool:
    return operating_system(resource).startswith("WINDOWS")


def check(resource: ResourceView, container: Container, config: Mapping[str, Any]) -> Iterator[Violation]:
    user = container.get("user")
    if user is None or str(user).strip() == "":
        yield Violation(f"container {container.name} sets no user, so Windows runs it as ContainerAdministrator; "
                        "the rule demands a non-administrator user such as ContainerUser", container.path("user"))
    elif str(user).strip().lower() == ADMIN:
        yield Violation(f"container {container.name} runs as {user!r}, the container's administrator; the rule "
                        "demands a non-administrator user", container.path("user"))


RULE = container_rule(
    "ecs_container_non_admin_windows_user",
    check=check,
    applies=_is_windows,
    title="Windows ECS containers run as a non-administrator user",
    description=(
        "ContainerAdministrator holds every right inside a Windows container and makes escapes and "
        "tampering easier. Applies to task definitions whose runtimePlatform.operatingSystemFamily is a "
        "WINDOWS_SERVER_* family; a container with no user, or ContainerAdministrator, fails."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ECS.21",), "seed": ("isolated-and-controlled",)},
    remediation='Set "user": "ContainerUser" (or another non-administrator account) in each Windows container '
                "definition.",
)
