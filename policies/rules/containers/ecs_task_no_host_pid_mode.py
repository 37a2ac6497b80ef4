"""ECS task definitions do not share the host's process namespace (FSBP ECS.3)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.containers import TASK_DEFINITION


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    mode = resource.get("pidMode")
    if isinstance(mode, str) and mode.lower() == "host":
        yield Violation("pidMode is 'host': containers see, signal and ptrace every process on the instance; "
                        "the rule demands 'task' or leaving pidMode out (a private namespace per container)",
                        "pidMode")


RULE = ResourceRule(
    id="ecs_task_no_host_pid_mode",
    title="ECS task definitions do not share the host's process namespace",
    description=(
        "With pidMode=host a compromised container can list, kill and inspect the agent, other tasks and "
        "host daemons, which undoes process isolation. AWS gives each container its own namespace when "
        "pidMode is left out."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("ECS.3",), "seed": ("isolated-and-controlled",)},
    remediation='Remove pid_mode="host" from aws.ecs.TaskDefinition (use pid_mode="task" when sidecars '
                "must see each other's processes).",
    resource_types=(TASK_DEFINITION,),
    evaluate=evaluate,
)
