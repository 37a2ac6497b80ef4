"""Firewall domain: security-group tiers as a whitelist, a quarantine SG per island (row 2)."""

from .security_tiers import SecurityTiers
from .spec import FirewallSpec, FlowSpec, PortRange

__all__ = [
    "FirewallSpec",
    "FlowSpec",
    "PortRange",
    "SecurityTiers",
]
