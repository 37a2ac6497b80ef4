"""The base of every config model: strict, frozen, camelCase in YAML, every field described."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class Spec(BaseModel):
    """Frozen, unknown keys rejected (typos surface as errors), YAML keys in camelCase."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        alias_generator=to_camel,
        populate_by_name=True,
        str_strip_whitespace=True,
    )


NAME_PATTERN = r"^[a-z][a-z0-9-]{0,22}[a-z0-9]$|^[a-z]$"
NAME_RE = re.compile(NAME_PATTERN)
