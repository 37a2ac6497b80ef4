"""Diffs of a resource's inputs as the stand-in provider reports them to the engine."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pulumi.runtime.proto import provider_pb2

from lz.standin import wire

_Kind = provider_pb2.PropertyDiff

_KINDS = {  # (old present, new present) -> (kind, kind when the property forces a replacement)
    (False, True): (_Kind.ADD, _Kind.ADD_REPLACE),
    (True, False): (_Kind.DELETE, _Kind.DELETE_REPLACE),
    (True, True): (_Kind.UPDATE, _Kind.UPDATE_REPLACE),
}


def diff_properties(
    olds: dict[str, Any],
    news: dict[str, Any],
    *,
    replace_on_change: Iterable[str] = (),
    ignore_changes: Iterable[str] = (),
    deletions: bool = True,
) -> provider_pb2.DiffResponse:
    """Compare two wire property bags (wire.from_struct) key by key.

    A value that is or holds an unknown counts as changed (the engine cannot know it is not); making a
    value secret without changing it does not. `replace_on_change` names the properties whose change
    replaces the resource; `deletions=False` ignores properties only `olds` has (when `olds` are outputs,
    not inputs, and so hold computed attributes). Internal `__` properties are never compared.
    """
    forcing = set(replace_on_change)
    ignored = {path.split(".", 1)[0].split("[", 1)[0] for path in ignore_changes}
    detailed: dict[str, provider_pb2.PropertyDiff] = {}
    for key in sorted(set(olds) | set(news)):
        if key.startswith("__") or key in ignored or (key not in news and not deletions):
            continue
        old, new = wire.plain(olds.get(key)), wire.plain(news.get(key))
        if old == new and not wire.mentions(new, wire.UNKNOWN):
            continue
        kind, replace_kind = _KINDS[(old is not None, new is not None)]
        detailed[key] = provider_pb2.PropertyDiff(kind=replace_kind if key in forcing else kind, inputDiff=True)
    changed = sorted(detailed)
    return provider_pb2.DiffResponse(
        changes=provider_pb2.DiffResponse.DIFF_SOME if changed else provider_pb2.DiffResponse.DIFF_NONE,
        diffs=changed,
        replaces=[k for k in changed if k in forcing],
        detailedDiff=detailed,
        hasDetailedDiff=True,
        deleteBeforeReplace=False,
    )
