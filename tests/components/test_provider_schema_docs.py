"""The component package is documented where its consumers look: every resource, input, output and
type of its schema carries a description (the host takes them from the wrappers' docstrings), and
docs/components.md gives each packaged component's resource type and its inputs and outputs.

components/provider/schema.json is what `pulumi package get-schema` yields (pinned under the real CLI
by tests/realengine/test_component_package.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCHEMA: dict[str, Any] = json.loads((ROOT / "components" / "provider" / "schema.json").read_text())
DOC = (ROOT / "docs" / "components.md").read_text()


def _undocumented(where: str, properties: dict[str, Any]) -> list[str]:
    return [f"{where}.{name}" for name, prop in properties.items() if not (prop.get("description") or "").strip()]


def test_every_resource_input_output_and_type_has_a_description() -> None:
    missing = []
    for token, resource in SCHEMA["resources"].items():
        if not (resource.get("description") or "").strip():
            missing.append(token)
        missing += _undocumented(f"{token} input", resource.get("inputProperties", {}))
        missing += _undocumented(f"{token} output", resource.get("properties", {}))
    for token, typ in SCHEMA.get("types", {}).items():
        if not (typ.get("description") or "").strip():
            missing.append(token)
        missing += _undocumented(token, typ.get("properties", {}))
    assert len(SCHEMA["resources"]) == 6 and SCHEMA["types"]
    assert missing == []


def test_the_component_docs_give_each_packaged_component_for_other_languages() -> None:
    assert "pulumi package add <path>/components/provider" in DOC
    sections = DOC.split("\n## ")[1:]
    for token, resource in SCHEMA["resources"].items():
        name = token.rsplit(":", 1)[1]
        (section,) = [s for s in sections if s.startswith(f"{name}\n")]
        (line,) = [ln for ln in section.splitlines() if ln.startswith("**From other languages**")]
        assert f"`{token}`" in line
        for prop in (*resource["inputProperties"], *resource["properties"]):
            assert f"`{prop}`" in line, (name, prop)
