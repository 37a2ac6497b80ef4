"""Where the report's control data comes from: the data file beside this module, and the program's
component declarations (``components/controls.py``, or the installed ``lz_components`` package's)."""

from __future__ import annotations

import importlib.resources
import importlib.util
import runpy
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from lz.compliance.model import ControlCatalog

DECLARATIONS = Path("components") / "controls.py"


class CatalogError(Exception):
    """A control data or declaration file is malformed; the message names the file and the entry."""


def _data() -> dict[str, Any]:
    text = importlib.resources.files("lz.compliance").joinpath("controls.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise CatalogError("lz/compliance/controls.yaml: expected a mapping at the top")
    return data


def declarations_file(program_dir: Path) -> Path | None:
    """The program's own ``components/controls.py``, else the installed component library's, else none."""
    own = Path(program_dir) / DECLARATIONS
    if own.is_file():
        return own
    spec = importlib.util.find_spec("lz_components")  # locates the package without importing it
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            candidate = Path(location) / "controls.py"
            if candidate.is_file():
                return candidate
    return None


def load_declarations(path: Path | None) -> dict[str, tuple[str, ...]]:
    """``IMPLEMENTS`` of a declarations file: component type token -> ``framework:control`` ids."""
    if path is None:
        return {}
    table = runpy.run_path(str(path)).get("IMPLEMENTS")
    if not isinstance(table, Mapping):
        raise CatalogError(f"{path}: defines no IMPLEMENTS mapping (component type token -> control ids)")
    out: dict[str, tuple[str, ...]] = {}
    for token, ids in table.items():
        if not isinstance(token, str) or not isinstance(ids, Sequence) or isinstance(ids, str):
            raise CatalogError(f"{path}: IMPLEMENTS[{token!r}] must be a tuple of 'framework:control' strings")
        bad = [i for i in ids if not isinstance(i, str) or ":" not in i]
        if bad:
            raise CatalogError(f"{path}: IMPLEMENTS[{token!r}]: {bad} are not 'framework:control' ids")
        out[token] = tuple(ids)
    return out


def load_catalog(program_dir: Path) -> ControlCatalog:
    data = _data()
    return ControlCatalog(
        seed_rows=tuple(data.get("seed", ())),
        manual=tuple(data.get("manual", ())),
        sources=dict(data.get("sources", {})),
        implements=load_declarations(declarations_file(program_dir)),
    )
