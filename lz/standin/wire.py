"""Pulumi's wire values, as the engine sends them to a provider that accepts secrets and resources.

A property bag is a protobuf Struct whose special values are objects carrying Pulumi's signature key
(secrets, resource references, assets, archives) and whose unknowns are the rpc.UNKNOWN string. Here a
bag is handled as its JSON form (`from_struct`), which keeps every signature object exactly as sent, so
what the provider echoes back is what it received.

The SDK's rpc.deserialize_properties is not used for that: it rebuilds SDK objects (assets, resources,
Outputs on an event loop) and turns unknowns into None outside a preview, so it cannot echo losslessly.
"""

from __future__ import annotations

from typing import Any, cast

from google.protobuf import json_format, struct_pb2
from pulumi.runtime import rpc

UNKNOWN = rpc.UNKNOWN
_SIG = rpc._special_sig_key
_SECRET = rpc._special_secret_sig
_RESOURCE = rpc._special_resource_sig


def from_struct(struct: struct_pb2.Struct) -> dict[str, Any]:
    """The JSON form of a property bag, signature objects intact (numbers are floats, as on the wire)."""
    return json_format.MessageToDict(struct)


def to_struct(bag: dict[str, Any]) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(bag)
    return struct


def secret(value: Any) -> dict[str, Any]:
    """The value marked secret, in the shape rpc.wrap_rpc_secret gives it."""
    return cast(dict[str, Any], rpc.wrap_rpc_secret(value))


def has_secret(value: Any) -> bool:
    if isinstance(value, dict):
        return value.get(_SIG) == _SECRET or any(has_secret(v) for v in value.values())
    if isinstance(value, list):
        return any(has_secret(v) for v in value)
    return False


def mentions(value: Any, marker: str) -> bool:
    """True if `marker` occurs in any string inside the value (an unknown, or a value built from one)."""
    if isinstance(value, str):
        return marker in value
    if isinstance(value, dict):
        return any(mentions(k, marker) or mentions(v, marker) for k, v in value.items())
    if isinstance(value, list):
        return any(mentions(v, marker) for v in value)
    return False


def replace_unknowns(value: Any, marker: str) -> Any:
    """The value with each unknown replaced by `marker`."""
    if value == UNKNOWN:
        return marker
    if isinstance(value, dict):
        return {k: replace_unknowns(v, marker) for k, v in value.items()}
    if isinstance(value, list):
        return [replace_unknowns(v, marker) for v in value]
    return value


def plain(value: Any) -> Any:
    """A wire value the way lz's mocks read inputs: secrets unwrapped, a resource reference as its id
    (else its URN), null object members dropped. Unknowns stay rpc.UNKNOWN; assets and archives stay
    their signature objects."""
    if isinstance(value, dict):
        sig = value.get(_SIG)
        if sig == _SECRET:
            return plain(value.get("value"))
        if sig == _RESOURCE:
            if "id" in value:
                return value["id"] or UNKNOWN
            return value.get("urn")
        if sig is not None:
            return value
        items = ((k, plain(v)) for k, v in value.items())
        return {k: v for k, v in items if v is not None}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
