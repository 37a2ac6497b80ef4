"""Run one rule in-process over what the mock engine captured, seeing exactly what the pack sees.

Properties go through the pack's own path: ``json_format.MessageToDict`` of the RegisterResource
object, ``deserialize_properties``, ``unknown_checking_proxy``; stack rules get the same
``stack_properties`` the analyzer sends in AnalyzeStack.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from google.protobuf import json_format, struct_pb2
from pulumi_policy.deserialize import deserialize_properties
from pulumi_policy.proxy import unknown_checking_proxy

from lz.analyzer import stack_properties
from lz.graph import ResourceGraph, ResourceRecord
from lz.mock_engine import run_function
from policies import adapter, registry
from policies.framework import ResourceRule, ResourceView, Rule, StackRule, StackView, Violation

_RULES = registry.discover()


def rule(rule_id: str) -> Rule:
    return _RULES[rule_id]


def pack_props(struct: struct_pb2.Struct) -> Mapping[str, Any]:
    return unknown_checking_proxy(deserialize_properties(json_format.MessageToDict(struct)))


def _view(record: ResourceRecord, struct: struct_pb2.Struct) -> ResourceView:
    return ResourceView(record.type, record.name, record.urn, pack_props(struct), record.parent,
                        record.dependencies, dict(record.property_dependencies))


def violations(rule_id: str, graph: ResourceGraph, config: Mapping[str, Any] | None = None
               ) -> dict[str, list[Violation]]:
    """Resource name -> its violations (only failing resources appear)."""
    found: dict[str, list[Violation]] = {}
    the_rule = rule(rule_id)
    if isinstance(the_rule, StackRule):
        stack = StackView(tuple(_view(r, stack_properties(r)) for r in graph.resources))
        names = {r.urn: r.name for r in graph.resources}
        for v in adapter.evaluate_stack(the_rule, stack, config):
            found.setdefault(names.get(v.urn or "", "<stack>"), []).append(v)
        return found
    assert isinstance(the_rule, ResourceRule)
    for record in graph.resources:
        result = adapter.evaluate_resource(the_rule, _view(record, record.raw_inputs), config)
        if result:
            found[record.name] = result
    return found


def capture(declare_fn: Callable[[], None]) -> ResourceGraph:
    return run_function(declare_fn)


def evaluate_rule(rule_id: str, declare_fn: Callable[[], None], config: Mapping[str, Any] | None = None
                  ) -> set[str]:
    """Names of the resources ``rule_id`` fails when ``declare_fn``'s resources are captured."""
    return set(violations(rule_id, capture(declare_fn), config))
