"""What the stand-in provider answers, in wire form, computed by lz's own mock code.

Every id and computed attribute comes from lz.aws_mocks.create_resource and every invoke from
lz.aws_invokes.INVOKES: the real engine running the stand-in records the state lz's offline engine
reports for the same program. This module only adds what the wire needs: echoing inputs exactly as
sent, keeping secrets secret, and leaving unknown what a preview cannot know.
"""

from __future__ import annotations

from typing import Any

from lz.aws_invokes import INVOKES, InvokeContext
from lz.aws_mocks import create_resource
from lz.standin import wire

# A second stand-in for unknowns (another length, other characters): an answer that changes when the
# unknowns change, or that mentions one, depends on what the preview cannot know.
_OTHER_UNKNOWN = "unknown-" + wire.UNKNOWN[::-1] + "-unknown"
_MISSING = object()


def _depends_on_unknowns(first: Any, second: Any) -> bool:
    return first != second or wire.mentions(first, wire.UNKNOWN) or wire.mentions(second, _OTHER_UNKNOWN)


def _copies_a_secret(key: str, value: Any, inputs: dict[str, Any]) -> bool:
    # The mocks see a secret input as one wrapped value, and whatever they copy of it (tags into
    # tagsAll) stays wrapped: an output is secret when its input is, or when it is a secret input's value.
    if wire.has_secret(inputs.get(key)):
        return True
    if not isinstance(value, (str, dict, list)) or not value:
        return False  # an equal bool or number is a coincidence, not a copy
    return any(wire.has_secret(v) and wire.plain(v) == value for v in inputs.values())


def create(
    ctx: InvokeContext,
    typ: str,
    name: str,
    inputs: dict[str, Any],
    *,
    preview: bool,
    used_ids: set[str],
    resource_id: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """(id, outputs) for a new resource; `inputs` and the outputs are wire JSON (wire.from_struct).

    An output equal to its input is the input as sent (secrets and unknowns in place); another output is
    secret when its input was or when it copies a secret input. In a preview, an id or output computed
    from an unknown input is unknown (the id as "", as providers report it); the rest are the values
    `up` will record.
    """
    plain_inputs = wire.plain(inputs)
    before = set(used_ids)
    rid, state = create_resource(ctx, typ, name, plain_inputs, resource_id, used_ids)
    other_rid, other_state = rid, state
    if preview and wire.mentions(plain_inputs, wire.UNKNOWN):
        other_inputs = wire.replace_unknowns(plain_inputs, _OTHER_UNKNOWN)
        other_rid, other_state = create_resource(ctx, typ, name, other_inputs, resource_id, before)
    outputs: dict[str, Any] = {}
    for key, value in state.items():
        if value is None:
            continue  # as the SDK serializes the mocks' answer: a None is no property at all
        if key in inputs and value == plain_inputs.get(key):
            outputs[key] = inputs[key]
        elif _depends_on_unknowns(value, other_state.get(key, _MISSING)):
            outputs[key] = wire.UNKNOWN
        else:
            outputs[key] = wire.secret(value) if _copies_a_secret(key, value, inputs) else value
    return ("" if _depends_on_unknowns(rid, other_rid) else rid), outputs


def update(
    ctx: InvokeContext,
    typ: str,
    name: str,
    resource_id: str,
    old_inputs: dict[str, Any],
    old_outputs: dict[str, Any],
    news: dict[str, Any],
    *,
    preview: bool,
) -> dict[str, Any]:
    """Outputs after an in-place update: the old outputs, less inputs the program dropped, with the new
    inputs and what AWS computes from them (under the same id) on top."""
    kept = {k: v for k, v in old_outputs.items() if k not in old_inputs or k in news}
    _, fresh = create(ctx, typ, name, news, preview=preview, used_ids=set(), resource_id=resource_id)
    return {**kept, **fresh}


def read(
    ctx: InvokeContext, typ: str, name: str, resource_id: str, inputs: dict[str, Any], state: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(outputs, inputs) a refresh or an import reads. Nothing changes behind the stand-in's back, so a
    refresh reads the recorded state; an import (no state) reads what create_resource gives that id."""
    if state:
        return state, inputs
    _, outputs = create(ctx, typ, name, inputs, preview=False, used_ids=set(), resource_id=resource_id)
    return outputs, inputs


class UnknownInvoke(LookupError):
    """No invoke answer for this token: the stand-in does not pretend an empty result is AWS's."""

    def __init__(self, token: str) -> None:
        super().__init__(
            f"the stand-in AWS provider has no answer for {token}; known functions: {', '.join(sorted(INVOKES))}"
        )
        self.token = token


def invoke(ctx: InvokeContext, token: str, args: dict[str, Any]) -> dict[str, Any]:
    """The function's result in wire JSON; every value secret when an argument was (as the engine does
    for providers that do not take secrets)."""
    handler = INVOKES.get(token)
    if handler is None:
        raise UnknownInvoke(token)
    result = handler(ctx, wire.plain(args))
    if wire.has_secret(args):
        return {k: wire.secret(v) for k, v in result.items() if v is not None}
    return {k: v for k, v in result.items() if v is not None}
