"""The preview benchmark runs end to end on a fixture program (numbers are not asserted)."""

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_preview.py"


def test_bench_prints_a_row_per_stack_and_floor(programs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("bench_preview", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    assert module.main(["--program", str(programs / "basic"), "--stacks", "dev", "--repeat", "1"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| dev")]
    assert [row.split("|")[1:3] for row in rows] == [[" dev ", " 9 "], [" dev (floor) ", " 9 "]]
