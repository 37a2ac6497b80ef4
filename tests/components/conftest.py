"""Run the real program once per stack per session; component tests read the captured graph."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from lz import mock_engine
from lz.graph import ResourceGraph
from lz.mock_engine import run_program

ROOT = Path(__file__).resolve().parents[2]


def _run_recording_aliases(stack: str) -> tuple[ResourceGraph, dict[str, list[Any]]]:
    """The stack's graph, and the aliases each resource was registered with (the graph keeps none)."""
    aliases: dict[str, list[Any]] = {}
    register = mock_engine.CapturingMonitor.RegisterResource

    def recording(self: Any, request: Any) -> Any:
        aliases[request.name] = list(request.aliases)
        return register(self, request)

    mock_engine.CapturingMonitor.RegisterResource = recording  # type: ignore[method-assign]
    try:
        return run_program(ROOT, stack), aliases
    finally:
        mock_engine.CapturingMonitor.RegisterResource = register  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def dev_run() -> tuple[ResourceGraph, dict[str, list[Any]]]:
    return _run_recording_aliases("dev")


@pytest.fixture(scope="session")
def prod_run() -> tuple[ResourceGraph, dict[str, list[Any]]]:
    return _run_recording_aliases("prod")


@pytest.fixture(scope="session")
def dev_graph(dev_run: tuple[ResourceGraph, dict[str, list[Any]]]) -> ResourceGraph:
    return dev_run[0]


@pytest.fixture(scope="session")
def prod_graph(prod_run: tuple[ResourceGraph, dict[str, list[Any]]]) -> ResourceGraph:
    return prod_run[0]


@pytest.fixture
def program_with(tmp_path: Path) -> Callable[[str, Callable[[dict], None]], ResourceGraph]:
    """Run the real program on a copy of a shipped stack file changed by `mutate`."""

    def run(stack: str, mutate: Callable[[dict], None]) -> ResourceGraph:
        for item in ("Pulumi.yaml", "__main__.py"):
            shutil.copy(ROOT / item, tmp_path / item)
        (tmp_path / "components").symlink_to(ROOT / "components")
        doc = yaml.safe_load((ROOT / f"Pulumi.{stack}.yaml").read_text())
        mutate(doc["config"])
        (tmp_path / "Pulumi.variant.yaml").write_text(yaml.safe_dump(doc))
        return run_program(tmp_path, "variant")

    return run
