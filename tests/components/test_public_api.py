"""The root package re-exports every domain, and the organization domain's and membership's classes."""

from __future__ import annotations

from pathlib import Path

import components
import components.membership
import components.organization

ROOT = Path(components.__file__).parent
#: Packages under components/ that are not a domain: the component package's provider (the wrappers
#: other languages consume; it imports the domains, not the other way round).
NOT_DOMAINS = {"provider"}


def test_every_domain_package_is_re_exported_from_the_root() -> None:
    domains = {p.parent.name for p in ROOT.glob("*/__init__.py")} - NOT_DOMAINS
    assert "organization" in domains
    missing = sorted(d for d in domains if d not in components.__all__ or getattr(components, d, None) is None)
    assert not missing, f"components/__init__.py does not re-export the domains {missing}"


def test_the_organization_domain_and_membership_are_public() -> None:
    for name in components.organization.__all__:
        assert name in components.__all__, name
        assert getattr(components, name) is getattr(components.organization, name)
    for name in ("GovernedRegions", "MemberAudit", "OrganizationLink", "join_organization"):
        assert name in components.__all__, name
        assert getattr(components, name) is getattr(components.membership, name)
    assert "membership" in components.__all__
    assert sorted(set(components.__all__)) == sorted(components.__all__), "a name is exported twice"
