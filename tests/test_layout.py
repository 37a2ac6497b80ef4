"""The test tree's layout: pytest's default import mode keys test modules by basename (no __init__.py)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_two_test_modules_share_a_basename() -> None:
    """Two `test_x.py` in different folders make the whole run fail with "import file mismatch"."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for path in TESTS.rglob("test_*.py"):
        if "corpus" in path.relative_to(TESTS).parts[:1] or ".venv" in path.parts:
            continue
        by_name[path.name].append(str(path.relative_to(TESTS)))
    assert {name: paths for name, paths in by_name.items() if len(paths) > 1} == {}


def test_the_longest_first_order_names_existing_files_once() -> None:
    """A renamed file would silently drop to the back of the queue and lengthen the run's tail."""
    from tests.conftest import LONGEST_FIRST

    missing = [p for p in LONGEST_FIRST if not (TESTS.parent / p).is_file()]
    assert missing == [] and len(set(LONGEST_FIRST)) == len(LONGEST_FIRST)
