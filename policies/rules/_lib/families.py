"""Rule families (Checkov-style parameterised bases): one factory, many rules."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Rule, Severity, Violation
from .ingress import NACL_TYPES, SG_INGRESS_TYPES, nacl_ingress, sg_ingress
from .net import covers_port, is_anywhere, is_exposed

INGRESS_CONFIG: dict[str, dict[str, Any]] = {
    "allowed_cidrs": {
        "type": "array",
        "items": {"type": "string"},
        "default": [],
        "description": "source CIDRs a team explicitly accepts for this port (e.g. a corporate VPN range)",
    },
    "strict": {
        "type": "boolean",
        "default": False,
        "description": "also flag every globally routable source, not only 0.0.0.0/0 and ::/0",
    },
}


def _port_text(port: int | None) -> str:
    return "all ports" if port is None else f"port {port}"


def _left_to_all_ports_rule(port: int | None, protocol: Any, from_port: Any, to_port: Any) -> bool:
    """One finding per defect: an entry open on every port (protocol -1 or 0-65535) is the all-ports
    rule's finding, so the port-specific rules (22, 3389, ...) do not report it a second time."""
    return port is not None and covers_port(protocol, from_port, to_port, None)


_NOT_ALL_PORTS = (" Entries open on every port (protocol -1 or 0-65535) are reported once, by the "
                  "all-ports rule, not again here.")


def sg_open_port_rule(rule_id: str, port: int | None, *, title: str, severity: Severity,
                      frameworks: dict[str, tuple[str, ...]], remediation: str) -> Rule:
    """No security-group ingress from the internet to ``port`` (None: all ports)."""

    def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
        for o in sg_ingress(resource):
            if _left_to_all_ports_rule(port, o.protocol, o.from_port, o.to_port):
                continue
            if covers_port(o.protocol, o.from_port, o.to_port, port) and is_exposed(
                o.cidr, config["allowed_cidrs"], config["strict"]
            ):
                yield Violation(f"ingress from {o.cidr} reaches {_port_text(port)}", o.path)

    return ResourceRule(
        id=rule_id, title=title, severity=severity, frameworks=frameworks, remediation=remediation,
        description=(f"Security groups must not admit traffic from the internet to {_port_text(port)}."
                     + (_NOT_ALL_PORTS if port is not None else "")),
        resource_types=SG_INGRESS_TYPES, config=INGRESS_CONFIG, evaluate=evaluate,
    )


def nacl_open_port_rule(rule_id: str, port: int | None, *, title: str, severity: Severity,
                        frameworks: dict[str, tuple[str, ...]], remediation: str) -> Rule:
    """No NACL ALLOW from the internet to ``port``; DENY entries and shadowed ALLOWs pass."""

    def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
        denied: set[bool] = set()  # IP versions (ipv6?) already denied from anywhere to this port
        for o in nacl_ingress(resource):
            if not covers_port(o.protocol, o.from_port, o.to_port, port):
                continue
            if not o.allow:
                if is_anywhere(o.cidr):
                    denied.add(o.ipv6)
                continue
            if _left_to_all_ports_rule(port, o.protocol, o.from_port, o.to_port):
                continue  # still after the DENY bookkeeping above: an all-ports DENY shadows port 22 too
            if o.ipv6 not in denied and is_exposed(o.cidr, config["allowed_cidrs"], config["strict"]):
                yield Violation(f"NACL entry {o.order:g} allows {o.cidr} to {_port_text(port)}", o.path)

    return ResourceRule(
        id=rule_id, title=title, severity=severity, frameworks=frameworks, remediation=remediation,
        description=(f"Network ACLs must not allow ingress from the internet to {_port_text(port)}; "
                     "entries are read in rule-number order, so an earlier DENY shadows a later ALLOW."
                     + (_NOT_ALL_PORTS if port is not None else "")),
        resource_types=NACL_TYPES, config=INGRESS_CONFIG, evaluate=evaluate,
    )
