"""What the engine received from a program: one record per registered resource, in order."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urlparse
from urllib.request import url2pathname

from google.protobuf import struct_pb2
from pulumi.runtime import rpc
from pulumi.runtime.proto import source_pb2

SECRET = "[secret]"
UNKNOWN = "<unknown>"
STACK_TYPE = "pulumi:pulumi:Stack"


def wire_to_plain(value: Any) -> Any:
    """A protobuf Struct/Value as the engine sees it, turned into JSON-able Python.

    Secrets become "[secret]", resource references their URN, unknowns "<unknown>",
    assets and archives a dict of their path/text/uri.
    """
    if isinstance(value, struct_pb2.Value):
        kind = value.WhichOneof("kind")
        if kind == "struct_value":
            return wire_to_plain(value.struct_value)
        if kind == "list_value":
            return [wire_to_plain(v) for v in value.list_value.values]
        if kind == "string_value":
            return UNKNOWN if value.string_value == rpc.UNKNOWN else value.string_value
        if kind == "number_value":
            return value.number_value
        if kind == "bool_value":
            return value.bool_value
        return None
    if isinstance(value, struct_pb2.Struct):
        fields = value.fields
        sig = fields[rpc._special_sig_key].string_value if rpc._special_sig_key in fields else None
        if sig == rpc._special_secret_sig:
            return SECRET
        if sig == rpc._special_resource_sig:
            return fields["urn"].string_value
        if sig == rpc._special_output_value_sig:
            if "secret" in fields and fields["secret"].bool_value:
                return SECRET
            return wire_to_plain(fields["value"]) if "value" in fields else UNKNOWN
        if sig is not None:
            return {k: wire_to_plain(v) for k, v in fields.items() if k != rpc._special_sig_key}
        return {k: wire_to_plain(v) for k, v in fields.items()}
    return value


class SourceFrame(NamedTuple):
    """A place in the program's source: absolute file path, 1-based line, column when the SDK sends one."""

    file: str
    line: int
    column: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column}


def _frame(position: source_pb2.SourcePosition) -> SourceFrame | None:
    parsed = urlparse(position.uri)
    if parsed.scheme != "file" or not position.line:
        return None
    return SourceFrame(url2pathname(parsed.path), position.line, position.column or None)


def source_frames(
    position: source_pb2.SourcePosition, trace: source_pb2.StackTrace, *, stop_at: tuple[str, ...] = ()
) -> tuple[SourceFrame, ...]:
    """A registration's sourcePosition and stackTrace as frames, innermost (the declaration) first.

    The SDK sends the declaring line as sourcePosition and again as the stackTrace's first frame; it
    appears once. Frames without a file position (frozen modules) are left out, and the chain ends at
    the first frame in ``stop_at``: from there outward it is the runner, not the program.
    """
    trace_frames = [_frame(f.pc) for f in trace.frames]
    first = _frame(position)
    if first is not None and trace_frames and trace_frames[0] == first:
        trace_frames = trace_frames[1:]
    frames: list[SourceFrame] = []
    for found in (first, *trace_frames):
        if found is None:
            continue
        if stop_at and found.file.startswith(stop_at):
            break
        frames.append(found)
    return tuple(frames)


@dataclass(frozen=True)
class ResourceRecord:
    """One RegisterResource request as the engine would receive it, plus what the mocks answered."""

    urn: str
    type: str
    name: str
    parent: str | None
    custom: bool
    protect: bool
    retain_on_delete: bool
    dependencies: tuple[str, ...]
    provider: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    id: str | None
    raw_inputs: struct_pb2.Struct = field(repr=False, compare=False)
    #: Property name -> URNs its value came from (the engine sends these to stack policies).
    property_dependencies: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    #: Where the program declared it: sourcePosition first, then the stackTrace outward.
    source: tuple[SourceFrame, ...] = field(default=(), compare=False)
    #: The provider the engine would send analyzers with it: (provider URN, the provider's inputs);
    #: for a resource on the default provider, the default provider the engine makes from config.
    provider_resource: tuple[str, struct_pb2.Struct] | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "urn": self.urn,
            "type": self.type,
            "name": self.name,
            "parent": self.parent,
            "custom": self.custom,
            "protect": self.protect,
            "retainOnDelete": self.retain_on_delete,
            "dependencies": list(self.dependencies),
            "inputs": self.inputs,
            "source": [f.to_json() for f in self.source],
        }


def dependency_order(records: list[ResourceRecord]) -> list[ResourceRecord]:
    """Parents and dependencies before dependents, ties by URN: the same program gives the same order.

    Registration order is not usable: it depends on thread timing inside the runtime.
    """
    by_urn = {r.urn: r for r in records}
    waiting_on = {r.urn: {u for u in (r.parent, *r.dependencies) if u in by_urn and u != r.urn}
                  for r in records}
    dependents: dict[str, list[str]] = {}
    for urn, needs in waiting_on.items():
        for need in needs:
            dependents.setdefault(need, []).append(urn)
    ready = [urn for urn, needs in waiting_on.items() if not needs]
    heapq.heapify(ready)
    ordered: list[ResourceRecord] = []
    while ready:
        urn = heapq.heappop(ready)
        ordered.append(by_urn[urn])
        for dependent in dependents.get(urn, []):
            waiting_on[dependent].discard(urn)
            if not waiting_on[dependent]:
                heapq.heappush(ready, dependent)
    seen = {r.urn for r in ordered}  # a cycle cannot come from a real program; keep any leftovers
    return ordered + sorted((r for r in records if r.urn not in seen), key=lambda r: r.urn)


@dataclass(frozen=True)
class UnansweredInvoke:
    """An invoke (provider function) the mocks had no answer for: the program got an empty result."""

    token: str
    #: Where the program called it, innermost first (empty when the call site is not known).
    source: tuple[SourceFrame, ...] = ()


@dataclass(frozen=True)
class RemoteComponent:
    """A multi-language component (awsx, aws-apigateway) the engine would construct in its provider.

    ``expanded``: lz registered the children it models for it (see lz.remote); otherwise its outputs
    are unknown and nothing inside it reached the pack.
    """

    urn: str
    type: str
    expanded: bool


@dataclass
class ResourceGraph:
    """Every resource a program registered (the root Stack excluded) and the stack's exports."""

    project: str
    stack: str
    resources: list[ResourceRecord]
    outputs: dict[str, Any] = field(default_factory=dict)
    unmocked_calls: list[str] = field(default_factory=list)
    unanswered_invokes: list[UnansweredInvoke] = field(default_factory=list)
    remote_components: list[RemoteComponent] = field(default_factory=list)
    logs: list[tuple[str, str]] = field(default_factory=list)

    def by_type(self, type_token: str) -> list[ResourceRecord]:
        return [r for r in self.resources if r.type == type_token]

    def only(self, type_token: str) -> ResourceRecord:
        """The one resource of ``type_token``; AssertionError naming what was found otherwise."""
        found = self.by_type(type_token)
        assert len(found) == 1, f"{len(found)} resources of {type_token}: {[r.name for r in found]}"
        return found[0]

    def children_of(self, urn: str) -> list[ResourceRecord]:
        return [r for r in self.resources if r.parent == urn]

    def get(self, name_or_urn: str) -> ResourceRecord:
        """The resource with this URN, or the only one with this logical name (KeyError otherwise)."""
        for record in self.resources:
            if record.urn == name_or_urn:
                return record
        named = [r for r in self.resources if r.name == name_or_urn]
        if len(named) == 1:
            return named[0]
        if not named:
            raise KeyError(f"no resource named or with URN {name_or_urn!r}")
        raise KeyError(f"{len(named)} resources are named {name_or_urn!r}; use the URN: "
                       + ", ".join(r.urn for r in named))

    def to_json(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "stack": self.stack,
            "resources": [r.to_json() for r in self.resources],
        }
