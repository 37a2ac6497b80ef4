"""Discovers every rule: each module under rules/<domain>/ exposes ``RULE``."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from .framework import Rule

RULES_DIR = Path(__file__).resolve().parent / "rules"
# ``policies.rules`` in a checkout, ``lz_policies.rules`` installed: the package this module is in.
_RULES_PACKAGE = f"{__package__}.rules"


class RegistryError(RuntimeError):
    """A rule module is malformed; the message names the file."""


def discover() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for info in pkgutil.walk_packages([str(RULES_DIR)], prefix=f"{_RULES_PACKAGE}."):
        stem = info.name.rsplit(".", 1)[-1]
        if info.ispkg or stem.startswith("_") or "._" in info.name:
            continue
        module = importlib.import_module(info.name)
        rule = getattr(module, "RULE", None)
        where = f"rules/{info.name.removeprefix(_RULES_PACKAGE + '.').replace('.', '/')}.py"
        if not isinstance(rule, Rule):
            raise RegistryError(f"{where} defines no RULE (a framework.ResourceRule or framework.StackRule)")
        if rule.id != stem:
            raise RegistryError(f"{where}: RULE.id {rule.id!r} must equal the file stem {stem!r}")
        if rule.id in rules:
            raise RegistryError(f"{where}: rule id {rule.id!r} is defined twice")
        rules[rule.id] = rule
    return dict(sorted(rules.items()))
