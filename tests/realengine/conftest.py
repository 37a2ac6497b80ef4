"""The real Pulumi CLI (built from Go modules) with the stand-in AWS provider, on a file:// backend.

These tests never skip: when the CLI cannot be built, they fail with the build's error.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PROGRAMS = Path(__file__).parent / "programs"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from lz.real_cli import RealPulumi  # noqa: E402

PACK = REPO / "policies"
PROJECT_FILES = ("Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "__main__.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.real_engine)


def _venv_link(directory: Path) -> None:
    """The project's `virtualenv: .venv`, pointing at the interpreter running the tests."""
    venv = Path(sys.prefix)
    link = directory / ".venv"
    if link.is_symlink() and not link.exists():
        link.unlink()
    if not link.is_symlink() and not link.exists():
        link.symlink_to(venv, target_is_directory=True)


@pytest.fixture(scope="session")
def pack_dir() -> Path:
    # PulumiPolicy.yaml names `virtualenv: .venv`; `./run` links it to the project's venv (same
    # requirements). The CLI runs the pack with that interpreter, as for any Python pack.
    _venv_link(PACK)
    return PACK


@pytest.fixture(scope="session")
def cli(tmp_path_factory: pytest.TempPathFactory) -> RealPulumi:
    return RealPulumi(tmp_path_factory.mktemp("pulumi"))


@pytest.fixture
def fresh_cli(tmp_path: Path) -> RealPulumi:
    """A CLI with a backend of its own (for tests that must not see other tests' stacks)."""
    return RealPulumi(tmp_path / "pulumi")


def copy_landing_zone(dst: Path) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy2(REPO / name, dst / name)
    _venv_link(dst)
    return dst


def copy_program(name: str, dst: Path) -> Path:
    shutil.copytree(PROGRAMS / name, dst, dirs_exist_ok=True)
    _venv_link(dst)
    return dst
