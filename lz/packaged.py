"""What ships with lz and where it is: the policy pack of this checkout, else the installed copy.

A checkout (or an editable install of it) runs ``policies/`` beside ``lz/``. A wheel installs the
same files as ``lz_policies`` (pyproject.toml maps the directory); the pack is a program the CLI
starts as ``python -u __main__.py`` in its directory, not a library, so it is located, never imported.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]
CHECKOUT_PACK_DIR = CHECKOUT / "policies"
INSTALLED_PACK = "lz_policies"


def default_pack_dir() -> Path:
    """The pack ``lz check`` runs without ``--pack-dir``, whatever the working directory."""
    if (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT_PACK_DIR / "PulumiPolicy.yaml").is_file():
        return CHECKOUT_PACK_DIR
    spec = importlib.util.find_spec(INSTALLED_PACK)  # finds the directory without running any of it
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return CHECKOUT_PACK_DIR  # absent: the pack's start-up error then names the path it looked in
