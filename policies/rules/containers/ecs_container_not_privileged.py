"""ECS containers do not run privileged (FSBP ECS.4)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, Violation
from .._lib.containers import Container, container_rule, is_true


def check(resource: ResourceView, container: Container, config: Mapping[str, Any]) -> Iterator[Violation]:
    if is_true(container.get("privileged")):
        yield Violation(f"container {container.name} sets privileged=true, which gives it root-equivalent access "
                        "to the host's devices and kernel; the rule demands privileged false or left out",
                        container.path("privileged"))


RULE = container_rule(
    "ecs_container_not_privileged",
    check=check,
    title="ECS containers do not run in privileged mode",
    description=(
        "A privileged container gets every Linux capability and the host's devices, so escaping to the "
        "instance is trivial. privileged defaults to false; only an explicit true fails. Task definitions "
        "and daemon task definitions are both checked."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("ECS.4",), "seed": ("isolated-and-controlled",)},
    remediation='Drop "privileged": true from the container definition; grant the single capability needed '
                'through "linuxParameters": {"capabilities": {"add": [...]}} instead.',
)
