"""No component changes after `register_outputs`: nothing is parented to it later, and it registers once.

The engine takes a component's outputs as final when they are registered; a child added afterwards
(what `LogGroups.export()` and `IngressEdge.forward_to()` used to do) lands in a component the engine
already considers complete. The check watches the SDK's own calls as the program runs under the mocks:
`register_resource` (with the child's parent) and `register_resource_outputs`, per component.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pulumi
import pulumi.resource
import pulumi_aws as aws
import pytest
import yaml

from components.provider.landing_zone import LandingZone as PackagedLandingZone
from components.provider.network import VpcIsland as PackagedVpcIsland
from lz.mock_engine import run_function, run_program

ROOT = Path(__file__).resolve().parents[2]
STACKS = ROOT / "tests" / "stacks"  # organization-mode environments next to the org stack they read


def _label(res: Any) -> str:
    return f"{getattr(res, '_type', '?')}::{getattr(res, '_name', '?')}"


@contextmanager
def late_changes() -> Iterator[list[str]]:
    """Every registration parented to a component whose outputs were already registered, and every
    second `register_outputs` of one component, in the order they happened."""
    problems: list[str] = []
    sealed: dict[int, str] = {}
    register, register_outputs = pulumi.resource.register_resource, pulumi.resource.register_resource_outputs

    def watching_register(res: Any, ty: str, name: str, custom: bool, remote: bool, *args: Any,
                          **kwargs: Any) -> Any:
        opts = args[2] if len(args) > 2 else kwargs.get("opts")
        parent = getattr(opts, "parent", None)
        if parent is not None and id(parent) in sealed:
            problems.append(f"{ty}::{name} registered under {sealed[id(parent)]} after its register_outputs")
        return register(res, ty, name, custom, remote, *args, **kwargs)

    def watching_outputs(res: Any, outputs: Any) -> Any:
        if id(res) in sealed:
            problems.append(f"{_label(res)} registered its outputs twice")
        sealed[id(res)] = _label(res)
        return register_outputs(res, outputs)

    pulumi.resource.register_resource = watching_register
    pulumi.resource.register_resource_outputs = watching_outputs
    try:
        yield problems
    finally:
        pulumi.resource.register_resource = register
        pulumi.resource.register_resource_outputs = register_outputs


def _packaged() -> None:
    """The component package's wrappers, as the provider host constructs them for another language."""
    stack = yaml.safe_load((ROOT / "Pulumi.dev.yaml").read_text())["config"]
    config = {k.split(":", 1)[1]: v for k, v in stack.items() if k.startswith("landing-zone:")}
    PackagedLandingZone("lz-dev", {"config": config})
    PackagedVpcIsland("island", {"environment": {"name": "dev", "owner": "app-team"}, "cidr": "10.50.0.0/16",
                                 "tiers": [{"name": "web", "kind": "public"}, {"name": "app", "kind": "private"}]})


PROGRAMS: dict[str, Callable[[], Any]] = {
    "dev": lambda: run_program(ROOT, "dev"),
    "prod": lambda: run_program(ROOT, "prod"),
    "org": lambda: run_program(ROOT, "org"),
    "dev-org": lambda: run_program(STACKS, "dev-org"),  # runs org first, for its StackReference
    "package": lambda: run_function(_packaged, config={"aws:region": "eu-west-1"}),
}


@pytest.mark.parametrize("stack", PROGRAMS)
def test_no_component_changes_after_register_outputs(stack: str) -> None:
    with late_changes() as problems:
        graph = PROGRAMS[stack]()
    components = [r for r in graph.resources if not r.custom and r.type != "pulumi:pulumi:Stack"]
    assert len(components) > 10  # the watch saw a whole landing zone
    assert problems == []


class _Late(pulumi.ComponentResource):
    """A component that does what LogGroups.export() used to: a child after its outputs."""

    def __init__(self, name: str) -> None:
        super().__init__("test:late:Late", name)
        self.register_outputs({})

    def export(self) -> None:
        aws.cloudwatch.LogGroup(f"{self._name}-late", opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({"late": True})


def test_the_watch_names_a_late_child_and_a_second_register_outputs() -> None:
    with late_changes() as problems:
        run_function(lambda: _Late("edge").export())
    assert problems == ["aws:cloudwatch/logGroup:LogGroup::edge-late registered under test:late:Late::edge "
                        "after its register_outputs", "test:late:Late::edge registered its outputs twice"]
