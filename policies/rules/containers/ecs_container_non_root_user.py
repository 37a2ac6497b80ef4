"""Linux ECS containers name a non-root user (FSBP ECS.20)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, Violation
from .._lib.containers import Container, container_rule, operating_system

ROOT = frozenset({"root", "0"})


def _is_linux(resource: ResourceView) -> bool:
    return operating_system(resource) == "LINUX"


def check(resource: ResourceView, container: Container, config: Mapping[str, Any]) -> Iterator[Violation]:
    user = container.get("user")
    if user is None or str(user).strip() == "":
        yield Violation(f"container {container.name} sets no user, so it runs as the image's user, root for most "
                        "images; the rule demands a non-root user such as \"1000:1000\"", container.path("user"))
        return
    # user may be "name", "uid", "name:group" or "uid:gid"; only the user part decides.
    if str(user).split(":", 1)[0].strip().lower() in ROOT:
        yield Violation(f"container {container.name} runs as user {user!r} (root); the rule demands a non-root user",
                        container.path("user"))


RULE = container_rule(
    "ecs_container_non_root_user",
    check=check,
    applies=_is_linux,
    title="Linux ECS containers run as a non-root user",
    description=(
        "Root in a container is root on the host the moment a kernel or runtime escape works, and it can "
        "rewrite everything inside the container. FSBP ECS.20 fails a Linux container (operatingSystemFamily "
        "LINUX or left out) whose user is left out, root or 0, with or without a group. Windows task "
        "definitions are judged by ecs_container_non_admin_windows_user."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ECS.20",), "seed": ("isolated-and-controlled",)},
    remediation='Set "user": "<uid>:<gid>" (e.g. "1000:1000") in each container definition and build the image '
                "with that user owning what the app needs.",
)
