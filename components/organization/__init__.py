"""The organization domain: accounts, OUs, guardrails, delegated security, organization trail, Identity Center."""

from .guardrails import GuardrailPolicies
from .identity_center import IdentityCenter
from .organization import Organization
from .security import DelegatedSecurity
from .spec import OrganizationSpec, OrganizationStackConfig, is_organization_definition, validate_organization
from .stack import OrganizationLandingZone, organization_environment
from .trail import OrganizationTrail

__all__ = [
    "DelegatedSecurity",
    "GuardrailPolicies",
    "IdentityCenter",
    "Organization",
    "OrganizationLandingZone",
    "OrganizationSpec",
    "OrganizationStackConfig",
    "OrganizationTrail",
    "is_organization_definition",
    "organization_environment",
    "validate_organization",
]
