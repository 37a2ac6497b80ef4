"""The corpus: app-team programs through the gate, each stack's findings pinned in expected.<stack>.json.

A failure here means the gate's verdict on a realistic program changed (or the gate crashed on it).
If the change is intended, run ``python tests/corpus/regen.py NAME`` and review the golden's diff.
"""

from __future__ import annotations

import json

import pytest
from gate_corpus import (
    CRASH_CODES,
    GATE_ERRORS,
    finding_diff,
    golden_path,
    golden_stacks,
    program_names,
    run_gate,
    stacks_of,
)


@pytest.mark.parametrize("name", program_names())
def test_gate_verdict_matches_golden(name: str) -> None:
    code, summaries, errors = run_gate(name)
    assert sorted(summaries) == stacks_of(name)
    for stack, summary in summaries.items():
        assert summary["exitCode"] not in CRASH_CODES, f"{name}/{stack}: gate could not check it:\n{errors[stack]}"
        gate_errors = [f for f in summary["findings"] if f["policy"] in GATE_ERRORS]
        assert gate_errors == [], f"{name}/{stack}: the pack failed on resources"
    assert code in (0, 1)
    for stack, summary in summaries.items():
        path = golden_path(name, stack)
        assert path.exists(), f"no golden {path}: run python tests/corpus/regen.py {name}"
        expected = json.loads(path.read_text())
        assert summary == expected, (f"{name}/{stack} differs from {path.name} (+ new, - gone); if intended, "
                                     f"run python tests/corpus/regen.py {name} and review:\n"
                                     + finding_diff(summary, expected))


def test_corpus_is_big_enough() -> None:
    assert len(program_names()) >= 30


@pytest.mark.parametrize("name", program_names())
def test_every_golden_belongs_to_a_stack(name: str) -> None:
    assert golden_stacks(name) == stacks_of(name)
