"""Load balancer listeners speak HTTPS/TLS; plain HTTP only to redirect to HTTPS."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import CLASSIC_LOAD_BALANCERS, LISTENERS, PASS_THROUGH_PROTOCOLS


def _redirects_to_https(action: Any) -> bool:
    redirect = action.get("redirect") or {}
    # The redirect protocol defaults to "#{protocol}", which keeps the request on HTTP.
    return action.get("type") == "redirect" and str(redirect.get("protocol") or "").upper() == "HTTPS"


def _listener(resource: ResourceView) -> Iterator[Violation]:
    protocol = resource.get("protocol")
    if protocol is None:
        if resource.get("port") is None:
            return  # a Gateway Load Balancer listener: GENEVE, no protocol and no port
        protocol = "HTTP"  # what AWS gives an application load balancer listener
    protocol = str(protocol).upper()
    if protocol != "HTTP":
        return  # HTTPS/TLS pass; TCP, UDP, QUIC, GENEVE are pass-through (PASS_THROUGH_PROTOCOLS)
    actions = list(resource.get("defaultActions") or ())
    for i, action in enumerate(actions):
        if not _redirects_to_https(action):
            yield Violation(f"HTTP listener action {i} ({action.get('type')}) serves plain HTTP instead of "
                            "redirecting to HTTPS", f"defaultActions[{i}]")
    if not actions:
        yield Violation("HTTP listener has no default action redirecting to HTTPS", "defaultActions")


def _classic(resource: ResourceView) -> Iterator[Violation]:
    # Classic load balancers cannot redirect, so an HTTP listener always serves plain HTTP.
    for i, listener in enumerate(resource.get("listeners") or ()):
        protocol = str(listener.get("lbProtocol") or "").upper()
        if protocol == "HTTP":
            yield Violation(f"classic load balancer listener {i} serves plain HTTP",
                            f"listeners[{i}].lbProtocol")


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from (_classic(resource) if resource.type in CLASSIC_LOAD_BALANCERS else _listener(resource))


RULE = ResourceRule(
    id="lb_listener_https_only",
    title="Load balancer listeners use HTTPS/TLS; HTTP only redirects to HTTPS",
    description=(
        "Plain HTTP exposes sessions, tokens and form data to anyone on the path and lets them rewrite "
        "responses. An HTTP listener is accepted only when every default action is a redirect whose "
        f"protocol is HTTPS. Pass-through listeners ({', '.join(sorted(PASS_THROUGH_PROTOCOLS))}) of "
        "network and gateway load balancers are not judged; an application listener without a protocol "
        "is HTTP, as in AWS."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ELB.1", "ELB.3"), "seed": ("secure-access",)},
    remediation=(
        'Use protocol="HTTPS" with certificate_arn= and a TLS 1.3 ssl_policy=; keep port 80 only as '
        'default_actions=[{"type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443", '
        '"status_code": "HTTP_301"}}]. Move classic load balancers to aws.lb.LoadBalancer.'
    ),
    resource_types=(*LISTENERS, *CLASSIC_LOAD_BALANCERS),
    evaluate=evaluate,
)
