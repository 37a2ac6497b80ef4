"""Which resource types a stack rule judges, found by running it once on an empty stack.

A report needs to know where a rule's silence means "passed": a resource rule says so with its
``resource_types``; a stack rule joins over the stack and declares none. Evaluated on an empty
stack, a rule asks ``of_type`` for the types it starts from; of those, the ones it draws a verdict on
when the stack holds one bare resource of the type are its subjects (else all it asked for), and on a
stack without any of them its silence means "not applicable". A rule that reports something on an
empty stack demands a resource (a presence rule, ``cloudtrail_present``): it applies to every stack,
and the resources that satisfy it are of the types it looked for there, with those it declares in
``satisfied_by`` (a CIS 4.x filter rule looks for filters, and is satisfied by a filter, its alarm and
the alarm's topic), so a report lists them under its controls. One that reads ``stack.resources``
whole, or fails, claims no subjects (only its declared ones, when it is a presence rule).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .framework import ResourceView, StackRule, StackView


class _Watched(tuple[ResourceView, ...]):
    """An empty resource tuple that notices being read whole (past StackView's own indexing)."""

    def __new__(cls) -> _Watched:
        made = super().__new__(cls, ())
        made.reads = 0
        return made

    reads: int

    def __iter__(self) -> Iterator[ResourceView]:
        self.reads += 1
        return super().__iter__()


class _Tracing(StackView):
    """A StackView over nothing that records the types a rule asks for."""

    asked: list[str]

    def of_type(self, *types: str) -> list[ResourceView]:
        self.asked.extend(types)
        return []


def stack_rule_subjects(rule: StackRule, config: dict[str, Any]) -> tuple[str, ...]:
    """The type tokens ``rule`` (a stack rule) starts from, or () when it applies to any stack."""
    resources = _Watched()
    view = _Tracing(resources)
    object.__setattr__(view, "asked", [])
    indexed = resources.reads  # StackView.__post_init__ indexes its resources: that read does not count
    try:
        reported = list(rule.evaluate(view, config))
    except Exception:  # a rule that cannot run on an empty stack claims no subjects
        return ()
    whole = resources.reads > indexed
    asked = tuple(dict.fromkeys(view.asked))
    if reported:  # silence never means "not applicable" here: these are what satisfies it
        return tuple(dict.fromkeys(((*asked,) if not whole else ()) + rule.satisfied_by))
    if whole:
        return ()
    # Of the types asked for, the subjects are those a lone, bare resource of draws a verdict on
    # (apigw_rest_stage_waf asks for WAF associations first, but judges stages); else all of them.
    return tuple(t for t in asked if _judges_alone(rule, config, t)) or asked


def _judges_alone(rule: StackRule, config: dict[str, Any], token: str) -> bool:
    probe = ResourceView(token, "probe", f"urn:pulumi:stack::project::{token}::probe", {})
    try:
        return bool(list(rule.evaluate(StackView((probe,)), config)))
    except Exception:  # it looked into the resource and could not go on: it judges this type
        return True
