"""Stack config keys that no installed provider has, in a provider's namespace (``aws:regoin``).

A provider ignores a key it does not know, so a typo in ``aws:region`` silently deploys to the
default region. The keys a provider reads are those of its Python SDK's ``config/vars.py``
(``pulumi_<namespace>``: one ``__config__.get('<key>')`` per key), read as text, never imported.
Namespaces without an installed SDK (the project's own, ``pulumi:``) are not checked.
"""

from __future__ import annotations

import difflib
import functools
import importlib.util
import re
from collections.abc import Iterable
from pathlib import Path

_CONFIG_GET = re.compile(r"__config__\.get\w*\(\s*['\"]([A-Za-z0-9_]+)['\"]")


@functools.cache
def provider_keys(namespace: str) -> frozenset[str] | None:
    """The config keys the installed ``pulumi_<namespace>`` SDK reads; None when it is not installed."""
    module = "pulumi_" + namespace.replace("-", "_")
    if not module.isidentifier():
        return None
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    for location in (spec.submodule_search_locations or []) if spec else []:
        vars_file = Path(location) / "config" / "vars.py"
        if vars_file.is_file():
            return frozenset(_CONFIG_GET.findall(vars_file.read_text(encoding="utf-8")))
    return None


def unknown_provider_keys(keys: Iterable[str], project: str, where: str) -> list[str]:
    """One warning per ``<namespace>:<key>`` its provider does not have, with the closest key."""
    warnings = []
    for full in sorted(keys):
        namespace, sep, key = full.partition(":")
        if not sep or namespace in (project, "pulumi") or ":" in key:
            continue
        known = provider_keys(namespace)
        if known is None or key in known:
            continue
        close = difflib.get_close_matches(key, sorted(known), n=1)
        hint = f"; did you mean {namespace}:{close[0]}?" if close else ""
        warnings.append(f"warning: {where}: {full} is not a config key of the {namespace} provider{hint} "
                        "(the provider ignores it)")
    return warnings
