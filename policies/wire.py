"""The text of one violation on the Analyzer protocol: the pack writes it, lz reads it back.

A violation carries only a message (and a URN), so the property path and the remediation travel in
its text, and the SDK puts the policy's description in front::

    <policy description>
    <message>[ [property: <path>]]
    Remediation: <remediation>

This file is the format's one definition. It is standalone (the standard library only, nothing of
the pack or of lz): the pack's adapter imports it, and lz loads it from the directory of the pack it
runs (``lz.gate.pack_wire``), so each side reads the format of the pack in front of it, and the pack
directory stays self-contained, as a CrossGuard pack must be. A message must not hold a line that
starts with ``Remediation: ``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REMEDIATION = "\nRemediation: "
_PROPERTY = re.compile(r" \[property: (?P<prop>[^\n]*)\]\Z")


@dataclass(frozen=True)
class ViolationText:
    message: str
    property: str | None
    remediation: str | None


def compose(message: str, property: str | None, remediation: str) -> str:
    """What the pack reports for one violation (the SDK adds the description line in front)."""
    where = f" [property: {property}]" if property else ""
    return f"{message}{where}{REMEDIATION}{remediation}"


def parse(text: str, description: str = "") -> ViolationText:
    """A diagnostic's message as ``compose`` wrote it, with the SDK's description line taken off; a
    message that names no property (or is not in this format at all) keeps its text whole."""
    if description and text.startswith(description):
        text = text[len(description):].lstrip("\n")
    body, sep, remediation = text.partition(REMEDIATION)
    match = _PROPERTY.search(body)
    if match:
        body = body[: match.start()]
    return ViolationText(body.strip() or description, match.group("prop") if match else None,
                         remediation if sep else None)
