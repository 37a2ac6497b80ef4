"""ECS containers mount their root filesystem read-only (FSBP ECS.5)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, Violation
from .._lib.containers import Container, container_rule, is_true


def check(resource: ResourceView, container: Container, config: Mapping[str, Any]) -> Iterator[Violation]:
    value = container.get("readonlyRootFilesystem")
    if not is_true(value):
        shown = "left out (AWS default: false, writable)" if value is None else f"{value!r}"
        yield Violation(f"container {container.name} has readonlyRootFilesystem {shown}; the rule demands true",
                        container.path("readonlyRootFilesystem"))


RULE = container_rule(
    "ecs_container_read_only_root",
    check=check,
    title="ECS containers have read-only root filesystems",
    description=(
        "A writable root filesystem lets an intruder drop tools, alter binaries and persist across "
        "restarts of the process. ECS mounts it writable unless readonlyRootFilesystem is true, so "
        "leaving it out fails. Task definitions and daemon task definitions are both checked."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("ECS.5",), "seed": ("isolated-and-controlled",)},
    remediation='Set "readonlyRootFilesystem": true in each container definition; mount a volume '
                '(mountPoints) for the paths the app must write, e.g. /tmp.',
)
