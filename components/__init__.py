"""Public API of the landing-zone component library (re-exports only)."""

from .base import AccountContext, Tagging, logical_name, type_token
from .config import LandingZoneConfig, LandingZoneConfigError, load_config, validate_config
from .firewall.plan import FirewallPlan, plan_firewall
from .firewall.security_tiers import SecurityTiers
from .landing_zone import LandingZone, resolve_account, resolve_azs
from .network.interconnect import IslandInterconnect
from .network.interconnect_plan import InterconnectPlan, plan_interconnect
from .network.plan import IslandPlan, plan_island, plan_subnets
from .network.vpc_island import VpcIsland

__all__ = [
    "AccountContext",
    "FirewallPlan",
    "InterconnectPlan",
    "IslandInterconnect",
    "IslandPlan",
    "LandingZone",
    "LandingZoneConfig",
    "LandingZoneConfigError",
    "SecurityTiers",
    "Tagging",
    "VpcIsland",
    "load_config",
    "logical_name",
    "plan_firewall",
    "plan_interconnect",
    "plan_island",
    "plan_subnets",
    "resolve_account",
    "resolve_azs",
    "type_token",
    "validate_config",
]
