"""CloudFront, API Gateway and classic ELB facts shared by the edge/ and api/ rules.

Type tokens confirmed in pulumi_aws 7.51 (``super().__init__('aws:...')``). API Gateway settings live
on other resources (a REST stage's logging and cache encryption on ``MethodSettings``, its web ACL on a
``WebAclAssociation``), so the joins are here, shared by the stack rules that need them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...framework import ResourceView, StackView, UnknownValueError

DISTRIBUTION = "aws:cloudfront/distribution:Distribution"
# Multi-tenant distributions carry the same settings under other names (origins[].id,
# customOriginConfigs[0], cacheBehaviors); the helpers below read both shapes.
MULTITENANT_DISTRIBUTION = "aws:cloudfront/multitenantDistribution:MultitenantDistribution"
DISTRIBUTIONS = (DISTRIBUTION, MULTITENANT_DISTRIBUTION)

REST_STAGE = "aws:apigateway/stage:Stage"
METHOD_SETTINGS = "aws:apigateway/methodSettings:MethodSettings"
REST_METHOD = "aws:apigateway/method:Method"
V2_STAGE = "aws:apigatewayv2/stage:Stage"
V2_ROUTE = "aws:apigatewayv2/route:Route"
V2_API = "aws:apigatewayv2/api:Api"

LISTENER_POLICY = "aws:elb/listenerPolicy:ListenerPolicy"
LOAD_BALANCER_POLICY = "aws:elb/loadBalancerPolicy:LoadBalancerPolicy"

LOGGING_LEVELS = frozenset({"ERROR", "INFO"})
TLS_LISTENER_PROTOCOLS = frozenset({"HTTPS", "SSL"})

_UNKNOWN = object()


def known(resource: ResourceView, key: str) -> Any:
    """``resource.props[key]``, or a sentinel while it is unknown (for joins only, never verdicts)."""
    try:
        return resource.get(key)
    except UnknownValueError:
        return _UNKNOWN


def joined(stack: StackView, source: ResourceView, prop: str, target: ResourceView, target_prop: str) -> bool:
    """``source.<prop>`` equals ``target.<target_prop>`` (``StackView.refers_to`` on another property)."""
    return stack.refers_to(source, prop, target, target_prop)


def settings_of_stage(stack: StackView, stage: ResourceView) -> list[ResourceView]:
    """The ``MethodSettings`` of one REST stage: same REST API and stage name."""
    def same_stage(ms: ResourceView) -> bool:
        if stage.urn in ms.property_dependencies.get("stageName", ()):
            return True  # stage_name=stage.stage_name: the engine recorded the join
        return joined(stack, ms, "restApi", stage, "restApi") and joined(stack, ms, "stageName", stage, "stageName")

    return [ms for ms in stack.of_type(METHOD_SETTINGS) if same_stage(ms)]


def all_methods(settings: list[ResourceView]) -> list[ResourceView]:
    """The settings that apply to every method of the stage (``method_path="*/*"``)."""
    return [ms for ms in settings if ms.get("methodPath") == "*/*"]


def v2_api_of(stack: StackView, stage_or_route: ResourceView) -> ResourceView | None:
    for api in stack.of_type(V2_API):
        if stack.refers_to(stage_or_route, "apiId", api):
            return api
    return None


# -- CloudFront ---------------------------------------------------------------------------------

def origins(distribution: ResourceView) -> Iterator[tuple[int, Any]]:
    yield from enumerate(distribution.get("origins") or ())


def origin_id(origin: Any) -> str:
    return str(origin.get("originId") or origin.get("id"))


def custom_config(origin: Any) -> tuple[str, Any]:
    """(property path below the origin, custom origin config) or ("", None) for non-custom origins."""
    if origin.get("customOriginConfig"):
        return "customOriginConfig", origin.get("customOriginConfig")
    configs = list(origin.get("customOriginConfigs") or ())
    return ("customOriginConfigs[0]", configs[0]) if configs else ("", None)


def is_s3_origin(origin: Any) -> bool:
    """An S3 REST origin: ``s3_origin_config`` set, or no custom config and an S3 REST domain.

    S3 website endpoints (``s3-website``) are custom origins: CloudFront speaks HTTP to them.
    """
    if origin.get("s3OriginConfig"):
        return True
    if custom_config(origin)[1] is not None:
        return False
    domain = str(origin.get("domainName") or "").lower()
    return ".s3." in f".{domain}" and "s3-website" not in domain and domain.endswith(".amazonaws.com")


def origin_groups(distribution: ResourceView) -> dict[str, set[str]]:
    """Origin group id -> the origin ids it fails over between."""
    return {str(g.get("originId") or g.get("id")): {str(m.get("originId")) for m in g.get("members") or ()}
            for g in distribution.get("originGroups") or ()}


def behaviors(distribution: ResourceView) -> Iterator[tuple[str, Any]]:
    """(property path, cache behavior) for the default and every ordered behavior."""
    default = distribution.get("defaultCacheBehavior")
    if default:
        yield "defaultCacheBehavior", default
    key = "cacheBehaviors" if distribution.type == MULTITENANT_DISTRIBUTION else "orderedCacheBehaviors"
    for i, behavior in enumerate(distribution.get(key) or ()):
        yield f"{key}[{i}]", behavior
