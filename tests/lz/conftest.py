import sys
from pathlib import Path

import pytest

PROGRAMS = Path(__file__).parent / "programs"
REPO_ROOT = Path(__file__).resolve().parents[2]

# `pytest` (not `python -m pytest`) does not put the repo root on sys.path; lz lives there.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


@pytest.fixture
def programs() -> Path:
    return PROGRAMS
