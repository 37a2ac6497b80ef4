"""AccessSpec validation, access_issues and the pure Client VPN plan."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from components.access.plan import plan_client_vpn
from components.access.spec import AccessSpec, access_issues

SERVER = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
ROOT_CA = "arn:aws:acm:eu-west-1:123456789012:certificate/abcdefab-1234-1234-1234-123456789012"
SAML = "arn:aws:iam::123456789012:saml-provider/corp-idp"
ISLANDS = {"mgmt": "10.0.0.0/16", "web": "10.1.0.0/16", "data": "10.2.0.0/16"}
VALID = {"homeIsland": "mgmt", "serverCertificateArn": SERVER, "clientRootCertificateArn": ROOT_CA,
         "clientCidr": "172.16.0.0/22", "islands": [{"name": "mgmt"}, {"name": "web"}]}


def errors(raw: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        AccessSpec.model_validate(raw)
    return {".".join(str(p) for p in e["loc"]): e["msg"] for e in info.value.errors()}


def issues(raw: dict[str, Any], production: bool) -> dict[str, str]:
    return dict(access_issues(AccessSpec.model_validate(raw), production, ISLANDS))


def test_empty_config_is_valid_and_off_outside_production() -> None:
    spec = AccessSpec.model_validate({})
    assert not spec.is_enabled(production=False)
    assert spec.is_enabled(production=True)
    assert issues({}, production=False) == {}
    assert spec.session_timeout_hours == 8


def test_production_cannot_turn_the_vpn_off() -> None:
    assert issues({**VALID, "enabled": False}, production=True) == {
        "access.enabled": "production environments reach their islands only through the Client VPN"}


def test_enabled_vpn_names_every_missing_input() -> None:
    found = issues({}, production=True)
    assert found["access.serverCertificateArn"] == "required when the Client VPN is enabled"
    assert found["access.clientCidr"] == "required when the Client VPN is enabled"
    assert found["access.homeIsland"] == "required when the Client VPN is enabled"
    assert found["access"] == "set clientRootCertificateArn (mutual TLS) or samlProviderArn (SAML)"
    assert found["access.islands"].startswith("no island is authorized")


def test_complete_config_has_no_issues() -> None:
    assert issues(VALID, production=True) == {}


def test_client_cidr_must_not_overlap_an_island() -> None:
    found = issues({**VALID, "clientCidr": "10.1.0.0/22"}, production=True)
    assert found == {"access.clientCidr": "10.1.0.0/22 overlaps island 'web' 10.1.0.0/16"}


def test_unknown_islands_are_named() -> None:
    found = issues({**VALID, "homeIsland": "mgnt", "islands": [{"name": "wbe"}]}, production=True)
    assert found["access.homeIsland"] == "unknown island 'mgnt'; islands: ['data', 'mgmt', 'web']"
    assert found["access.islands[0].name"] == "unknown island 'wbe'; islands: ['data', 'mgmt', 'web']"


@pytest.mark.parametrize("cidr", ["172.16.0.0/23", "172.0.0.0/11"])
def test_client_cidr_size_is_what_aws_allows(cidr: str) -> None:
    assert "must be /12 to /22" in errors({"clientCidr": cidr})["clientCidr"]


def test_client_cidr_with_host_bits_is_rejected() -> None:
    assert "not a valid IPv4 CIDR" in errors({"clientCidr": "172.16.0.1/22"})["clientCidr"]


@pytest.mark.parametrize("field", ["serverCertificateArn", "clientRootCertificateArn"])
def test_certificates_must_be_acm_arns(field: str) -> None:
    found = errors({field: "arn:aws:iam::123456789012:server-certificate/vpn"})
    assert "is not an ACM certificate ARN" in found[field]


def test_saml_provider_must_be_an_iam_saml_provider_arn() -> None:
    found = errors({"samlProviderArn": "arn:aws:iam::123456789012:role/idp"})
    assert "is not an IAM SAML provider ARN" in found["samlProviderArn"]


def test_exactly_one_authentication_mode() -> None:
    found = errors({**VALID, "samlProviderArn": SAML})
    assert "set exactly one of clientRootCertificateArn" in found[""]


def test_access_groups_need_saml() -> None:
    found = errors({**VALID, "islands": [{"name": "web", "accessGroupId": "admins"}]})
    assert "islands ['web'] set accessGroupId, which needs samlProviderArn" in found[""]


@pytest.mark.parametrize("hours", [24, 1, 9])
def test_sessions_last_at_most_twelve_hours(hours: int) -> None:
    assert "use one of [8, 10, 12]" in errors({"sessionTimeoutHours": hours})["sessionTimeoutHours"]


def test_banner_fits_the_aws_limit() -> None:
    assert "loginBanner" in errors({"loginBanner": "x" * 1401})


def test_dns_servers_are_at_most_two_ip_addresses() -> None:
    assert "'dns.corp' is not an IPv4 address" in errors({"dnsServers": ["dns.corp"]})["dnsServers"]
    assert "dnsServers" in errors({"dnsServers": ["10.0.0.2", "10.0.0.3", "10.0.0.4"]})


def test_island_entries_are_unique_with_valid_ports() -> None:
    found = errors({"islands": [{"name": "web", "ports": [443, 443, 70000]}, {"name": "web"}]})
    assert "[70000]: ports are 1-65535" in found["islands.0.ports"]
    found = errors({"islands": [{"name": "web", "ports": [443, 443]}, {"name": "web"}]})
    assert "[443] listed more than once" in found["islands.0.ports"]
    found = errors({"islands": [{"name": "web"}, {"name": "web"}]})
    assert "islands ['web'] are listed more than once" in found["islands"]


def test_plan_is_none_when_disabled() -> None:
    assert plan_client_vpn(AccessSpec(), environment="dev", production=False, island_cidrs=ISLANDS) is None


def test_plan_routes_only_islands_outside_the_home_vpc() -> None:
    plan = plan_client_vpn(AccessSpec.model_validate(VALID), environment="prod", production=True,
                           island_cidrs=ISLANDS)
    assert plan is not None
    assert [(i.island, i.cidr, i.routed) for i in plan.islands] == [
        ("mgmt", "10.0.0.0/16", False), ("web", "10.1.0.0/16", True)]
    assert plan.authentication_type == "certificate-authentication"
    assert plan.log_group_name == "/lz/prod/client-vpn"


def test_plan_prefers_federated_authentication_with_saml() -> None:
    raw = {**VALID, "clientRootCertificateArn": None, "samlProviderArn": SAML}
    plan = plan_client_vpn(AccessSpec.model_validate(raw), environment="prod", production=True,
                           island_cidrs=ISLANDS)
    assert plan is not None
    assert (plan.authentication_type, plan.authentication_arn) == ("federated-authentication", SAML)
