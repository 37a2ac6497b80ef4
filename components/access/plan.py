"""Pure planning of the Client VPN: authentication, authorizations, routes, egress (no pulumi import)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .spec import AccessSpec

VPN_PORT = 443
TRANSPORT = "tcp"
LOG_STREAM = "connections"


@dataclass(frozen=True)
class IslandAccessPlan:
    """VPN users may reach `cidr` on `ports`; `routed` when it lies outside the home VPC (via the TGW)."""

    island: str
    cidr: str
    ports: tuple[int, ...]
    access_group_id: str | None
    routed: bool


@dataclass(frozen=True)
class ClientVpnPlan:
    authentication_type: str
    authentication_arn: str
    server_certificate_arn: str
    client_cidr: str
    session_timeout_hours: int
    login_banner: str
    dns_servers: tuple[str, ...]
    log_group_name: str
    log_retention_days: int
    islands: tuple[IslandAccessPlan, ...]


def connection_log_group_name(environment: str) -> str:
    return f"/lz/{environment}/client-vpn"


def plan_client_vpn(
    spec: AccessSpec, *, environment: str, production: bool, island_cidrs: Mapping[str, str]
) -> ClientVpnPlan | None:
    """None when the VPN is disabled; expects a spec that passed `access_issues`."""
    if not spec.is_enabled(production):
        return None
    if spec.server_certificate_arn is None or spec.client_cidr is None or spec.home_island is None:
        raise ValueError("access: serverCertificateArn, clientCidr and homeIsland are required when enabled")
    if spec.saml_provider_arn:
        auth = ("federated-authentication", spec.saml_provider_arn)
    elif spec.client_root_certificate_arn:
        auth = ("certificate-authentication", spec.client_root_certificate_arn)
    else:
        raise ValueError("access: set clientRootCertificateArn or samlProviderArn")
    islands = tuple(
        IslandAccessPlan(i.name, island_cidrs[i.name], tuple(i.ports), i.access_group_id,
                         routed=i.name != spec.home_island)
        for i in spec.islands
    )
    return ClientVpnPlan(
        authentication_type=auth[0], authentication_arn=auth[1],
        server_certificate_arn=spec.server_certificate_arn, client_cidr=spec.client_cidr,
        session_timeout_hours=spec.session_timeout_hours, login_banner=spec.login_banner,
        dns_servers=tuple(spec.dns_servers), log_group_name=connection_log_group_name(environment),
        log_retention_days=spec.log_retention_days, islands=islands,
    )
