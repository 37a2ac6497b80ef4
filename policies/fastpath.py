"""Deserialise each resource once per request instead of once per policy.

pulumi_policy's Analyze/AnalyzeStack turn a resource's protobuf properties into a dict (MessageToDict,
deserialize_properties, unknown_checking_proxy) inside the loop over policies: with 80 rules that
is 80 identical conversions per resource, and it dominated the pack's time (profiled: ~90%). The
three steps are pure, so while one request is being served they are memoised by the identity of
their argument (the request keeps those objects alive, so an id cannot be reused meanwhile).
Nothing about the protocol or the verdicts changes; the gRPC tests run through this path.

Second, the servicer's Analyze builds per-policy arguments (config, options, provider, args object)
for every policy before the policy can see the resource type: with ~190 resource rules that loop,
not the rules, was most of the pack's time. ``PolicyList`` is the policy list the servicer iterates;
while an Analyze request is served it yields only the policies whose rule applies to the request's
type (``adapter.to_policy`` records the types on each policy). The skipped policies would have
returned at once, without a violation or a not-applicable entry, so the response is the same.

Both replace private parts of the SDK's servicer, copied from one release. So ``install`` patches only
pulumi-policy ``SDK_VERSION`` (the pinned one) that still has every private name it touches; any other
release, or ``LZ_POLICY_FASTPATH=0``, is served by the SDK's own path (slower, same verdicts; a line on
stderr says which and why). ``PolicyList`` is a plain list then.
"""

from __future__ import annotations

import importlib.metadata
import os
import sys
import threading
import types
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

import pulumi_policy.policy as _policy
from google.protobuf import json_format

#: The pulumi-policy release whose Analyze/AnalyzeStack this module reproduces statement for statement.
SDK_VERSION = "1.21.0"
#: ``LZ_POLICY_FASTPATH=0`` serves through the SDK's own servicer (to compare, or to rule this module out).
SWITCH = "LZ_POLICY_FASTPATH"
#: The SDK's private names the patches read or replace (module level, then on the servicer class).
_MODULE_NAMES = ("json_format", "deserialize_properties", "unknown_checking_proxy", "PolicyResource",
                 "StackValidationArgs", "StackValidationPolicy", "EnforcementLevel", "UnknownValueError",
                 "_NotApplicableError", "proto", "isawaitable", "asyncio", "_PolicyAnalyzerServicer")
_SERVICER_NAMES = ("Analyze", "AnalyzeStack", "_get_resource_options", "_get_provider_resource",
                   "_configure_runtime_settings", "_get_enforcement_level", "_create_report_violation",
                   "_get_policy_config", "_map_enforcement_level")

_local = threading.local()
_installed = False


def sdk_version() -> str | None:
    try:
        return importlib.metadata.version("pulumi-policy")
    except importlib.metadata.PackageNotFoundError:
        return None


def why_not(version: str | None, environ: Mapping[str, str]) -> str | None:
    """Why the fast path must stay off (None: it applies)."""
    if environ.get(SWITCH, "1") == "0":
        return f"{SWITCH}=0"
    if version != SDK_VERSION:
        return f"pulumi-policy {version or '(no package metadata)'} is not {SDK_VERSION}, the release it copies"
    servicer = getattr(_policy, "_PolicyAnalyzerServicer", None)
    missing = [n for n in _MODULE_NAMES if not hasattr(_policy, n)]
    missing += [f"_PolicyAnalyzerServicer.{n}" for n in _SERVICER_NAMES if servicer is not None
                and not hasattr(servicer, n)]
    return f"pulumi_policy.policy lacks {', '.join(missing)}" if missing else None


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


def _memoised_method(fn: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(fn)
    def wrapper(self: Any, arg: Any) -> Any:
        cache: dict[tuple[str, int], tuple[Any, Any]] | None = getattr(_local, "cache", None)
        if cache is None:
            return fn(self, arg)
        key = (fn.__name__, id(arg))
        hit = cache.get(key)
        if hit is not None and hit[0] is arg:
            return hit[1]
        result = fn(self, arg)
        cache[key] = (arg, result)
        return result

    return wrapper


class PolicyList(list[Any]):
    """The pack's policies; during an Analyze request, only those that apply to its resource type."""

    def __iter__(self) -> Any:
        rtype = getattr(_local, "rtype", None)
        if rtype is None:
            return super().__iter__()
        return (p for p in super().__iter__()
                if (types := getattr(p, "lz_resource_types", None)) is not None and rtype in types)


def _per_request(method: Callable[..., Any], *, by_type: bool = False) -> Callable[..., Any]:
    @wraps(method)
    def wrapper(self: Any, request: Any, context: Any) -> Any:
        _local.cache = {}
        _local.rtype = request.type if by_type else None
        try:
            return method(self, request, context)
        finally:
            _local.cache = None
            _local.rtype = None

    return wrapper


def _stack_resources(self: Any, request: Any) -> list[Any]:
    """The request's resources as PolicyResources, linked to parents and dependencies: what
    pulumi_policy 1.21's AnalyzeStack builds, identically, inside its loop over policies."""
    resources = []
    by_urn: dict[str, Any] = {}
    links = []
    for r in request.resources:
        props = _policy.unknown_checking_proxy(_policy.deserialize_properties(
            _policy.json_format.MessageToDict(r.properties)))
        resource = _policy.PolicyResource(r.type, props, r.urn, r.name, self._get_resource_options(r),
                                          self._get_provider_resource(r), None, [], {})
        resources.append(resource)
        by_urn[resource.urn] = resource
        links.append((resource, r.parent, list(r.dependencies),
                      {k: list(v.urns) for k, v in r.propertyDependencies.items()}))
    for resource, parent, dependencies, property_dependencies in links:
        if parent is not None and parent in by_urn:
            resource.parent = by_urn[parent]
        resource.dependencies.extend(by_urn[d] for d in dependencies if d in by_urn)
        for key, urns in property_dependencies.items():
            resource.property_dependencies[key] = [by_urn[d] for d in urns if d in by_urn]
    return resources


def _analyze_stack(self: Any, request: Any, _context: Any) -> Any:
    """pulumi_policy 1.21's AnalyzeStack with the resources built once, not once per stack policy
    (70 policies x 522 resources was most of the pack's time). The policy loop, levels, violation
    reporting and error handling are the library's, statement for statement; the rules only read
    the resources (adapter.stack_view copies what it needs), so sharing one list is safe."""
    P = _policy
    E = P.EnforcementLevel
    self._configure_runtime_settings()
    response = P.proto.AnalyzeResponse()
    resources: list[Any] | None = None
    name = self._PolicyAnalyzerServicer__policy_pack_name
    version = self._PolicyAnalyzerServicer__policy_pack_version
    for policy in self._PolicyAnalyzerServicer__policies:
        enforcement_level = self._get_enforcement_level(policy)
        if enforcement_level == E.DISABLED or not isinstance(policy, P.StackValidationPolicy):
            continue
        if enforcement_level == E.REMEDIATE:
            enforcement_level = E.MANDATORY
        report_violation = self._create_report_violation(response, policy.name, policy.description,
                                                         enforcement_level, policy.severity)
        if resources is None:
            resources = _stack_resources(self, request)
        config = self._get_policy_config(policy.name)
        args = P.StackValidationArgs(list(resources), config, self._PolicyAnalyzerServicer__stack_tags)
        try:
            result = policy.validate(args, report_violation)
            if P.isawaitable(result):
                loop = P.asyncio.new_event_loop()
                task: Any = P.asyncio.Task(result, loop=loop)  # type: ignore[arg-type]
                loop.run_until_complete(task)
                loop.close()
        except P.UnknownValueError as e:
            response.diagnostics.append(P.proto.AnalyzeDiagnostic(
                policyName=policy.name, policyPackName=name, policyPackVersion=version,
                message=(f"can't run policy '{policy.name}' from policy pack '{name}@v{version}' during "
                         f"preview: {e.message}"),
                urn="", description=policy.description,
                enforcementLevel=self._map_enforcement_level(E.ADVISORY),
            ))
        except P._NotApplicableError as e:
            response.not_applicable.append(P.proto.PolicyNotApplicable(policy_name=policy.name,
                                                                       reason=e.reason or ""))
    return response


def install() -> bool:
    """Patch pulumi_policy's servicer (idempotent) when ``why_not`` finds nothing against it; returns
    whether the fast path is on. Only pulumi_policy.policy's own names change."""
    global _installed
    if _installed:
        return True
    reason = why_not(sdk_version(), os.environ)
    if reason is not None:
        print(f"policy pack: serving through pulumi_policy's own servicer ({reason})", file=sys.stderr, flush=True)
        return False
    shim = types.SimpleNamespace(**{k: getattr(json_format, k) for k in dir(json_format) if not k.startswith("__")})
    shim.MessageToDict = _memoised(json_format.MessageToDict)
    _policy.json_format = shim
    _policy.deserialize_properties = _memoised(_policy.deserialize_properties)
    _policy.unknown_checking_proxy = _memoised(_policy.unknown_checking_proxy)
    servicer = _policy._PolicyAnalyzerServicer
    # AnalyzeStack rebuilds every resource's options and provider for each stack policy: once per request.
    for name in ("_get_resource_options", "_get_provider_resource"):
        setattr(servicer, name, _memoised_method(getattr(servicer, name)))
    servicer.Analyze = _per_request(servicer.Analyze, by_type=True)  # type: ignore[method-assign]
    servicer.AnalyzeStack = _per_request(_analyze_stack)  # type: ignore[method-assign]
    _installed = True
    return True
