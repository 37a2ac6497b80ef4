"""The pack is one package (``policies`` here, ``lz_policies`` installed), not top-level modules on sys.path."""

import ast
import shutil
from pathlib import Path

import pytest

from lz.analyzer import PolicyPackProcess
from policies import packs, registry

POLICIES = Path(__file__).resolve().parents[2] / "policies"
# The pack's own modules: importing one of these top-level works only with the pack dir on sys.path.
PACK_MODULES = {"framework", "registry", "adapter", "packs", "fastpath", "rules"}


def _pack_files() -> list[Path]:
    return sorted(p for p in POLICIES.rglob("*.py") if ".venv" not in p.parts)


def test_no_module_of_the_pack_imports_another_as_a_top_level_module() -> None:
    offenders = []
    for path in _pack_files():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(POLICIES)}:{node.lineno} {n}" for n in names
                          if n.split(".")[0] in PACK_MODULES]
    assert offenders == []


@pytest.mark.parametrize("dirname", ["lz_policies", "aws-lz-0.1.0"])
def test_the_pack_starts_from_a_directory_of_any_name(tmp_path: Path, dirname: str) -> None:
    """Installed the directory is ``lz_policies``; the CLI may unpack a published pack under a name that
    is no identifier. Either way the pack serves every rule of its default pack."""
    pack = tmp_path / dirname
    shutil.copytree(POLICIES, pack, ignore=shutil.ignore_patterns("__pycache__", ".venv"))
    with PolicyPackProcess(pack) as process:
        served = sorted(process.info().policies)
    assert served == sorted(packs.pack_levels(packs.DEFAULT_PACK, registry.discover())) and len(served) > 200
