"""lz's modules import one another without a cycle; the findings model stands on its own.

The gate makes findings, the report formats and ``lz report`` read them: all three import
``lz.findings``, never each other for it.
"""

import ast
from pathlib import Path

import lz.findings
import lz.gate

LZ = Path(__file__).resolve().parents[2] / "lz"


def _module_name(path: Path) -> str:
    parts = path.relative_to(LZ.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in LZ.rglob("*.py")}


def _imports(path: Path) -> set[str]:
    """Every lz module ``path`` imports, at module level or inside a function (an import moved into a
    function still makes a cycle, only a later one); ``if TYPE_CHECKING:`` blocks are left out."""
    found: set[str] = set()

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    visit([child])

    visit(ast.parse(path.read_text(), str(path)).body)
    return {name for name in found if name in MODULES and name != "lz"}


GRAPH = {name: _imports(path) - {name} for name, path in MODULES.items()}


def _reachable(start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(GRAPH[start])
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(GRAPH[name])
    return seen


def test_no_lz_module_imports_itself_through_others() -> None:
    assert {name for name in GRAPH if name in _reachable(name)} == set()


def test_the_findings_model_needs_neither_the_gate_nor_a_report_format() -> None:
    assert not _reachable("lz.findings") & {"lz.gate", "lz.report", "lz.check", "lz.cli"}
    assert "lz.gate" not in _reachable("lz.report")


def test_the_old_import_paths_name_the_same_objects() -> None:
    for name in ("Finding", "GateResult", "StackOutcome", "EXIT_OK", "EXIT_VIOLATIONS", "EXIT_INVALID_INPUT",
                 "EXIT_PROGRAM_CRASHED"):
        assert getattr(lz.gate, name) is getattr(lz.findings, name)
    assert (lz.findings.EXIT_OK, lz.findings.EXIT_VIOLATIONS, lz.findings.EXIT_INVALID_INPUT,
            lz.findings.EXIT_PROGRAM_CRASHED) == (0, 1, 2, 3)
