"""docs/components.md is current (rendered from the components) and every example in it runs."""

from __future__ import annotations

import re

import pytest

from lz.mock_engine import run_function
from tests.components.component_docs import DOC, PRELUDE, SECTIONS, render

BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def test_the_document_is_current() -> None:
    assert DOC.read_text() == render(), "stale: run .venv/bin/python -m tests.components.component_docs"


def examples() -> list[str]:
    blocks = BLOCK.findall(DOC.read_text())
    assert blocks[0].strip() == PRELUDE.strip()
    return blocks[1:]


def test_every_main_component_has_an_example() -> None:
    assert len(examples()) == len(SECTIONS) >= 17


@pytest.mark.parametrize("index", range(len(SECTIONS)), ids=[c.__name__ for c, _, _ in SECTIONS])
def test_the_example_runs_under_the_mock_engine(index: int) -> None:
    component = SECTIONS[index][0]
    code = PRELUDE + examples()[index]
    graph = run_function(lambda: exec(compile(code, f"docs/components.md[{component.__name__}]", "exec"), {}),
                         config={"aws:region": "eu-west-1"})
    built = [r for r in graph.resources if r.type.endswith(f":{component.__name__}")]
    assert built, f"the {component.__name__} example builds no {component.__name__}"
    assert any(r.custom for r in graph.resources)
