"""HTTPS/TLS listeners use a TLS 1.2+/1.3 security policy from an allow-list."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import LISTENERS, TLS_PROTOCOLS

MODERN_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10",
]


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if str(resource.get("protocol") or "").upper() not in TLS_PROTOCOLS:
        return
    policy = resource.get("sslPolicy")
    if policy is None:
        yield Violation("sslPolicy is not set, so AWS applies ELBSecurityPolicy-2016-08 (TLS 1.0, CBC "
                        "ciphers)", "sslPolicy")
    elif policy not in config["allowed_policies"]:
        yield Violation(f"sslPolicy {policy} is not one of the accepted TLS 1.2+/1.3 policies", "sslPolicy")


RULE = ResourceRule(
    id="lb_listener_modern_tls_policy",
    title="HTTPS/TLS listeners use a modern (TLS 1.2+/1.3, forward secrecy) security policy",
    description=(
        "Old ELB security policies still negotiate TLS 1.0/1.1 and non-forward-secret ciphers that a "
        "downgrade or a recorded session can break. Leaving sslPolicy out selects such a policy."
    ),
    severity=Severity.HIGH,
    frameworks={"seed": ("secure-access",)},
    remediation='Set ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06" (or another accepted policy) on the listener.',
    resource_types=LISTENERS,
    config={"allowed_policies": {"type": "array", "items": {"type": "string"}, "default": MODERN_POLICIES,
                                 "description": "ELB security policies accepted on HTTPS and TLS listeners"}},
    evaluate=evaluate,
)
