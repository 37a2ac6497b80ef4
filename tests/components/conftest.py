"""Run the real program once per stack per session; component tests read the captured graph."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from lz.graph import ResourceGraph
from lz.mock_engine import run_program

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def dev_graph() -> ResourceGraph:
    return run_program(ROOT, "dev")


@pytest.fixture(scope="session")
def prod_graph() -> ResourceGraph:
    return run_program(ROOT, "prod")


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
