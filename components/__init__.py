"""Public API of the landing-zone component library (re-exports only).

Each domain package re-exports its components and specs (`from components.network import VpcIsland,
NetworkSpec`); this module re-exports the domains, `Environment` (the one value every component
takes) and the composition. Every component has the signature
`Component(name, spec, *, env: Environment, <Input references>, opts=None)`.
"""

from . import (
    access,
    audit,
    firewall,
    identity,
    ids,
    isolation,
    logging,
    membership,
    monitoring,
    network,
    organization,
    storage,
    updates,
)
from .access import AccessSpec, ClientVpn
from .audit import AuditBaseline, AuditSpec
from .base import AccountContext, Tagging, logical_name, type_token
from .config import LandingZoneConfig, LandingZoneConfigError, load_config, validate_config
from .environment import Environment
from .firewall import FirewallSpec, SecurityTiers
from .firewall.plan import FirewallPlan, plan_firewall
from .identity import Identity, IdentitySpec
from .ids import GwlbRouting, IdsFleet, IdsSpec, IngressEdge, IngressSpec, SensorImage
from .isolation import AutomatedIsolation, IsolationSpec
from .landing_zone import LandingZone, resolve_account, resolve_azs
from .logging import LoggingSpec, LogGroups
from .membership import GovernedRegions, MemberAudit, OrganizationLink, join_organization
from .monitoring import Monitoring, MonitoringSpec
from .network import IslandInterconnect, IslandSpec, NetworkSpec, PublicAccessExclusions, VpcIsland
from .network.interconnect_plan import InterconnectPlan, plan_interconnect
from .network.plan import IslandPlan, plan_island, plan_subnets
from .organization import (
    DelegatedSecurity,
    GuardrailPolicies,
    IdentityCenter,
    Organization,
    OrganizationLandingZone,
    OrganizationSpec,
    OrganizationStackConfig,
    OrganizationTrail,
    is_organization_definition,
    organization_environment,
    validate_organization,
)
from .storage import BucketSpec, EncryptedBucket, KeySpec, ManagedKey, StorageBaseline, StorageSpec
from .updates import PatchManagement, UpdatesSpec

__all__ = [
    "AccessSpec", "AccountContext", "AuditBaseline", "AuditSpec", "AutomatedIsolation", "BucketSpec", "ClientVpn",
    "DelegatedSecurity", "EncryptedBucket", "Environment", "FirewallPlan", "FirewallSpec", "GovernedRegions",
    "GuardrailPolicies", "GwlbRouting", "Identity", "IdentityCenter", "IdentitySpec", "IdsFleet", "IdsSpec",
    "IngressEdge", "IngressSpec", "InterconnectPlan", "IslandInterconnect", "IslandPlan", "IslandSpec",
    "IsolationSpec", "KeySpec", "LandingZone", "LandingZoneConfig", "LandingZoneConfigError", "LogGroups",
    "LoggingSpec", "ManagedKey", "MemberAudit", "Monitoring", "MonitoringSpec", "NetworkSpec", "Organization",
    "OrganizationLandingZone", "OrganizationLink", "OrganizationSpec", "OrganizationStackConfig",
    "OrganizationTrail", "PatchManagement", "PublicAccessExclusions", "SecurityTiers", "SensorImage",
    "StorageBaseline", "StorageSpec",
    "Tagging", "UpdatesSpec", "VpcIsland",
    "access", "audit", "firewall", "identity", "ids", "is_organization_definition", "isolation",
    "join_organization", "load_config", "logging", "logical_name", "membership", "monitoring", "network",
    "organization", "organization_environment", "plan_firewall", "plan_interconnect", "plan_island",
    "plan_subnets", "resolve_account", "resolve_azs", "storage", "type_token", "updates", "validate_config",
    "validate_organization",
]
