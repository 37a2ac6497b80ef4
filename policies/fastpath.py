"""Deserialise each resource once per request instead of once per policy.

pulumi_policy's Analyze/AnalyzeStack turn a resource's protobuf properties into a dict (MessageToDict,
deserialize_properties, unknown_checking_proxy) inside the loop over policies: with 80 rules that
is 80 identical conversions per resource, and it dominated the pack's time (profiled: ~90%). The
three steps are pure, so while one request is being served they are memoised by the identity of
their argument (the request keeps those objects alive, so an id cannot be reused meanwhile).
Nothing about the protocol or the verdicts changes; the gRPC tests run through this path.
"""

from __future__ import annotations

import threading
import types
from collections.abc import Callable
from functools import wraps
from typing import Any

import pulumi_policy.policy as _policy
from google.protobuf import json_format

_local = threading.local()
_installed = False


def _memoised(fn: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(fn)
    def wrapper(arg: Any, *rest: Any, **kwargs: Any) -> Any:
        cache: dict[tuple[str, int], tuple[Any, Any]] | None = getattr(_local, "cache", None)
        if cache is None or rest or kwargs:
            return fn(arg, *rest, **kwargs)
        key = (fn.__name__, id(arg))
        hit = cache.get(key)
        if hit is not None and hit[0] is arg:
            return hit[1]
        result = fn(arg)
        cache[key] = (arg, result)
        return result

    return wrapper


def _per_request(method: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(method)
    def wrapper(self: Any, request: Any, context: Any) -> Any:
        _local.cache = {}
        try:
            return method(self, request, context)
        finally:
            _local.cache = None

    return wrapper


def install() -> None:
    """Patch pulumi_policy's servicer (idempotent). Only pulumi_policy.policy's own names change."""
    global _installed
    if _installed:
        return
    shim = types.SimpleNamespace(**{k: getattr(json_format, k) for k in dir(json_format) if not k.startswith("__")})
    shim.MessageToDict = _memoised(json_format.MessageToDict)
    _policy.json_format = shim
    _policy.deserialize_properties = _memoised(_policy.deserialize_properties)
    _policy.unknown_checking_proxy = _memoised(_policy.unknown_checking_proxy)
    servicer = _policy._PolicyAnalyzerServicer
    servicer.Analyze = _per_request(servicer.Analyze)  # type: ignore[method-assign]
    servicer.AnalyzeStack = _per_request(servicer.AnalyzeStack)  # type: ignore[method-assign]
    _installed = True
