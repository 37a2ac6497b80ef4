"""ECS and EKS facts shared by the containers/ rules.

Type tokens are confirmed in pulumi_aws 7.51 (``super().__init__('aws:...')``). A task definition's
``containerDefinitions`` arrives as the JSON string the program passed (``json.dumps([...])``); when
it is built from outputs still unknown during preview, reading it raises and the adapter reports
"cannot decide".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Rule, Severity, Violation
from .compute import is_true  # noqa: F401  (re-exported: the container rules import it from here)

TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition"
DAEMON_TASK_DEFINITION = "aws:ecs/daemonTaskDefinition:DaemonTaskDefinition"
# Both register containers from the same container-definition JSON; daemons run on Linux EC2 hosts.
CONTAINER_HOLDERS = (TASK_DEFINITION, DAEMON_TASK_DEFINITION)
ECS_SERVICE = "aws:ecs/service:Service"
ECS_TASK_SET = "aws:ecs/taskSet:TaskSet"
ECS_CLUSTER = "aws:ecs/cluster:Cluster"
EKS_CLUSTER = "aws:eks/cluster:Cluster"


class Container:
    """One entry of ``containerDefinitions``: its index, name and raw (camelCase) fields."""

    def __init__(self, index: int, raw: Mapping[str, Any]) -> None:
        self.index = index
        self.raw = raw
        self.name = str(raw.get("name") or f"#{index}")

    def get(self, key: str, default: Any = None) -> Any:
        return self.raw.get(key, default)

    def path(self, key: str) -> str:
        return f"containerDefinitions[{self.index}].{key}"


class ContainerDefinitionsError(ValueError):
    """The container definitions are not a JSON list of objects; the message says why."""


def containers(resource: ResourceView) -> list[Container]:
    """Container definitions of a task or daemon task definition, parsed from their JSON string."""
    value = resource.get("containerDefinitions")
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as err:
            raise ContainerDefinitionsError(f"containerDefinitions is not JSON: {err.msg} at char {err.pos}") from err
    if not isinstance(value, list | tuple):
        raise ContainerDefinitionsError(f"containerDefinitions must be a JSON list, got {type(value).__name__}")
    out = []
    for i, raw in enumerate(value):
        if not isinstance(raw, Mapping):
            raise ContainerDefinitionsError(f"containerDefinitions[{i}] must be an object")
        out.append(Container(i, raw))
    return out


def operating_system(resource: ResourceView) -> str:
    """``runtimePlatform.operatingSystemFamily``; ECS assumes LINUX when it is left out."""
    platform = resource.get("runtimePlatform") if resource.type == TASK_DEFINITION else None
    family = platform.get("operatingSystemFamily") if platform else None
    return str(family or "LINUX").upper()


def container_rule(rule_id: str, *, check: Callable[[ResourceView, Container, Mapping[str, Any]], Iterable[Violation]],
                   title: str, description: str, severity: Severity, frameworks: dict[str, tuple[str, ...]],
                   remediation: str, applies: Callable[[ResourceView], bool] = lambda _: True,
                   config: dict[str, dict[str, Any]] | None = None) -> Rule:
    """A rule judging each container definition of task and daemon task definitions on its own.

    Unparseable definitions are reported as "cannot decide" (the registration would fail at apply
    too, but the gate must not pass what it could not read).
    """

    def evaluate(resource: ResourceView, cfg: Mapping[str, Any]) -> Iterator[Violation]:
        if not applies(resource):
            return
        try:
            found = containers(resource)
        except ContainerDefinitionsError as err:
            # Unreadable input is "cannot decide", like a preview unknown, so each rule says it once.
            yield Violation(f"cannot decide: {err}", "containerDefinitions")
            return
        for container in found:
            yield from check(resource, container, cfg)

    return ResourceRule(
        id=rule_id, title=title, description=description, severity=severity, frameworks=frameworks,
        remediation=remediation, resource_types=CONTAINER_HOLDERS, config=config or {}, evaluate=evaluate,
    )
