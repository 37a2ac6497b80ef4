"""IAM-style JSON policy documents (bucket, key, topic and trust policies).

Documents arrive as JSON strings (``json.dumps`` or ``get_policy_document(...).json``) or as dicts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Statement:
    index: int
    effect: str
    principals: tuple[str, ...]
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    conditions: Mapping[str, Any]


class DocumentError(ValueError):
    """The document is not valid JSON or not a policy document; the message says which."""


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str | Mapping):
        return [value]
    return list(value)


def _principals(value: Any) -> tuple[str, ...]:
    if value == "*":
        return ("*",)
    if isinstance(value, Mapping):
        return tuple(str(p) for kind in value.values() for p in _as_list(kind))
    return tuple(str(p) for p in _as_list(value))


def parse_document(document: Any) -> list[Statement]:
    """Statements of a policy document, normalised to tuples; raises DocumentError if unreadable."""
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except json.JSONDecodeError as err:
            raise DocumentError(f"policy document is not JSON: {err.msg} at char {err.pos}") from err
    if not isinstance(document, Mapping):
        raise DocumentError(f"policy document must be an object, got {type(document).__name__}")
    out = []
    for i, raw in enumerate(_as_list(document.get("Statement"))):
        if not isinstance(raw, Mapping):
            raise DocumentError(f"Statement[{i}] must be an object")
        out.append(
            Statement(
                index=i,
                effect=str(raw.get("Effect", "")),
                principals=_principals(raw.get("Principal")),
                actions=tuple(str(a) for a in _as_list(raw.get("Action"))),
                resources=tuple(str(r) for r in _as_list(raw.get("Resource"))),
                conditions=dict(raw.get("Condition") or {}),
            )
        )
    return out
