"""The ``pulumi preview --policy-pack-config`` JSON, checked against the pack as the CLI does.

``{"all": "mandatory" | {"enforcementLevel": ...}, "<policy>": "advisory" | {"enforcementLevel": ...,
"<prop>": ...}}``. Every problem is collected and reported at once, each naming its path.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

VALID_LEVELS = ("advisory", "mandatory", "remediate", "disabled")
#: Tag prefix the pack's adapter puts before each type token a resource rule applies to, so a report
#: can count a rule that sent no violation for a resource of its type as a pass there.
APPLIES_TO = "applies-to"
#: Tag prefix of ``inspects:<property>@<type>``: a top-level property a resource rule reads to decide on
#: that type (the values behind a pass).
INSPECTS = "inspects"
_NOT_FRAMEWORKS = (APPLIES_TO, INSPECTS)
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "boolean": (bool,), "number": (int, float), "integer": (int,),
    "array": (list, tuple), "object": (dict,),
}


@dataclass(frozen=True)
class PolicyMeta:
    """What GetAnalyzerInfo says about one policy."""

    name: str
    description: str
    enforcement_level: str
    kind: str = "resource"
    severity: str | None = None
    display_name: str = ""
    tags: tuple[str, ...] = ()
    remediation: str = ""
    config_schema: dict[str, Any] = field(default_factory=dict)
    required: tuple[str, ...] = ()

    def frameworks(self) -> dict[str, list[str]]:
        """Tags of the form ``framework:control`` grouped by framework (``applies-to:``/``inspects:`` are not one)."""
        out: dict[str, list[str]] = {}
        for tag in self.tags:
            if ":" in tag:
                name, control = tag.split(":", 1)
                if name not in _NOT_FRAMEWORKS:
                    out.setdefault(name, []).append(control)
        return out

    def resource_types(self) -> tuple[str, ...]:
        """The type tokens a resource rule applies to (``applies-to:<token>`` tags; none from other packs)."""
        return self._tagged(APPLIES_TO)

    def inspects(self, resource_type: str) -> tuple[str, ...]:
        """The top-level properties a resource rule reads to decide on ``resource_type``
        (``inspects:<property>@<type>`` tags)."""
        suffix = "@" + resource_type
        return tuple(t[: -len(suffix)] for t in self._tagged(INSPECTS) if t.endswith(suffix))

    def _tagged(self, name: str) -> tuple[str, ...]:
        prefix = name + ":"
        return tuple(tag[len(prefix):] for tag in self.tags if tag.startswith(prefix))


class PolicyConfigError(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("invalid policy config:\n" + "\n".join(f"  {e}" for e in errors))
        self.errors = errors


def _type_ok(value: Any, schema: Mapping[str, Any]) -> bool:
    kind = schema.get("type")
    if kind is None:
        return True
    if kind in ("number", "integer") and isinstance(value, bool):
        return False
    if kind == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, _JSON_TYPES.get(kind, (object,)))


def _check_value(path: str, value: Any, schema: Mapping[str, Any], errors: list[str]) -> None:
    if not _type_ok(value, schema):
        errors.append(f"{path}: expected {schema.get('type')}, got {type(value).__name__} {value!r}")
        return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, list | tuple) and isinstance(schema.get("items"), Mapping):
        for i, item in enumerate(value):
            _check_value(f"{path}[{i}]", item, schema["items"], errors)


def _level(path: str, value: Any, errors: list[str]) -> str | None:
    if value not in VALID_LEVELS:
        errors.append(f"{path}: enforcement level {value!r} is not one of {', '.join(VALID_LEVELS)}")
        return None
    return str(value)


def reconcile(policies: Mapping[str, PolicyMeta], raw: Any) -> dict[str, tuple[str, dict[str, Any]]]:
    """Policy name -> (enforcement level, properties with schema defaults) for every policy."""
    errors: list[str] = []
    if not isinstance(raw, Mapping):
        raise PolicyConfigError([f"policy config must be a JSON object, got {type(raw).__name__}"])
    all_level: str | None = None
    if "all" in raw:
        value = raw["all"]
        if isinstance(value, Mapping):
            extra = sorted(set(value) - {"enforcementLevel"})
            if extra:
                errors.append(f"all: only enforcementLevel may be set for all policies, not {extra}")
            value = value.get("enforcementLevel")
        all_level = _level("all", value, errors)
    unknown = sorted(set(raw) - set(policies) - {"all"})
    for name in unknown:
        close = difflib.get_close_matches(name, sorted(policies), n=1)
        # The closest id, or the list when it is short enough to read (a pack may have hundreds).
        known = f"did you mean {close[0]!r}?" if close else (
            f"it has: {', '.join(sorted(policies))}" if len(policies) <= 12 else f"it has {len(policies)} policies")
        errors.append(f"{name}: no such policy in the pack ({known})")

    result: dict[str, tuple[str, dict[str, Any]]] = {}
    for name, meta in policies.items():
        level = all_level or meta.enforcement_level
        schema = meta.config_schema
        props = {k: s["default"] for k, s in schema.items() if isinstance(s, Mapping) and "default" in s}
        given = raw.get(name)
        if isinstance(given, str):
            level = _level(name, given, errors) or level
        elif isinstance(given, Mapping):
            for key, value in given.items():
                if key == "enforcementLevel":
                    level = _level(f"{name}.enforcementLevel", value, errors) or level
                elif key not in meta.config_schema:
                    known = ", ".join(sorted(meta.config_schema)) or "none"
                    errors.append(f"{name}.{key}: unknown config property (known: {known})")
                else:
                    _check_value(f"{name}.{key}", value, meta.config_schema[key], errors)
                    props[key] = value
        elif given is not None:
            errors.append(f"{name}: expected an enforcement level or an object, got {given!r}")
        missing = [r for r in meta.required if r not in props]
        errors.extend(f"{name}.{r}: required config property is missing" for r in missing)
        result[name] = (level, props)
    if errors:
        raise PolicyConfigError(errors)
    return result
