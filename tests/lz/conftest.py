from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from lz.findings import GateResult

PROGRAMS = Path(__file__).parent / "programs"
REPO_ROOT = Path(__file__).resolve().parents[2]

# `pytest` (not `python -m pytest`) does not put the repo root on sys.path; lz lives there.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


@pytest.fixture
def programs() -> Path:
    return PROGRAMS


@pytest.fixture(scope="session")
def dev_check_sarif() -> subprocess.CompletedProcess[str]:
    """``lz check dev --format sarif`` of this repository, run once for every test that reads it."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))  # this checkout's lz, whatever the cwd
    return subprocess.run([sys.executable, "-m", "lz", "check", "dev", "--format", "sarif"], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def own_gate() -> Callable[[str], GateResult]:
    """The gate's result on one of this repository's stacks (dev, prod), computed once per session."""
    from lz.gate import run_gate

    return functools.cache(lambda stack: run_gate(REPO_ROOT, stack))
