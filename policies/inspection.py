"""Which top-level properties a resource rule reads to decide, found by running it on an empty resource.

A pass sends nothing over the Analyzer protocol, so a report cannot say which values made a rule
pass unless the rule says what it reads. Evaluated on a resource of each of its types with no
properties, a rule reads exactly the keys its decision starts from (``ingress`` for an open-port rule,
``internal`` before anything else for a rule about internet-facing load balancers): those are
published as ``inspects:<property>@<type>`` tags. A rule that reads the whole mapping, or fails, claims none.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .framework import ResourceRule, ResourceView


class _Recording(Mapping[str, Any]):
    """An empty property mapping that records each key asked for; iterating it means "reads everything"."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.iterated = False

    def __getitem__(self, key: str) -> Any:
        self.asked.append(key)
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.asked.append(key)
        return default

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.asked.append(key)
        return False

    def __iter__(self) -> Iterator[str]:
        self.iterated = True
        return iter(())

    def __len__(self) -> int:
        return 0


def resource_rule_inspects(rule: ResourceRule, config: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """Per type of ``rule``: the top-level property names it reads on an empty resource of that type."""
    out: dict[str, tuple[str, ...]] = {}
    for token in rule.resource_types:
        props = _Recording()
        view = ResourceView(token, "inspected", f"urn:pulumi:stack::project::{token}::inspected", props)
        try:
            for _ in rule.evaluate(view, config):
                pass
        except Exception:  # a rule that cannot judge an empty resource claims nothing
            return {}
        if props.iterated:
            return {}
        if props.asked:
            out[token] = tuple(dict.fromkeys(props.asked))
    return out
