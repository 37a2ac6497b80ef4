"""Input contract of the access domain (`landing-zone:access`): the Client VPN into the islands."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator, Mapping

from pydantic import Field, field_validator, model_validator

from ..spec_base import NAME_PATTERN, AcmArn, RetentionDays, Spec

SAML_ARN_RE = re.compile(r"^arn:aws(-[a-z]+)*:iam::\d{12}:saml-provider/[\w+=,.@-]{1,128}$")
#: AWS accepts client CIDRs from /12 to /22.
MIN_CLIENT_PREFIX, MAX_CLIENT_PREFIX = 12, 22
SESSION_HOURS = (8, 10, 12)  # AWS also offers 24; sessions longer than 12 h are refused here
DEFAULT_BANNER = (
    "Authorized use only. Every session's start and end, identity and source address are recorded."
)
MAX_BANNER = 1400


class IslandAccessSpec(Spec):
    """One island VPN users may reach: an authorization rule, a route and security-group egress."""

    name: str = Field(pattern=NAME_PATTERN, description="Island name (from network.islands).")
    access_group_id: str | None = Field(
        None, min_length=1, max_length=255,
        description="SAML only: the IdP group allowed into this island; default: every authenticated user.",
    )
    ports: list[int] = Field(
        default_factory=lambda: [22, 443], min_length=1, max_length=20,
        description="TCP ports VPN clients may open into the island (security-group egress).",
    )

    @field_validator("ports")
    @classmethod
    def _ports(cls, ports: list[int]) -> list[int]:
        bad = [p for p in ports if not 1 <= p <= 65535]
        if bad:
            raise ValueError(f"{bad}: ports are 1-65535")
        repeated = sorted({p for p in ports if ports.count(p) > 1})
        if repeated:
            raise ValueError(f"{repeated} listed more than once")
        return ports


class AccessSpec(Spec):
    """`landing-zone:access`: AWS Client VPN with mutual TLS or SAML, connection logging, split tunnel."""

    enabled: bool | None = Field(
        None, description="Build the Client VPN. Default: on in production, off elsewhere; production "
        "cannot turn it off.")
    home_island: str | None = Field(
        None, pattern=NAME_PATTERN,
        description="Island whose management subnets the endpoint is associated with (required when enabled).")
    home_tier: str = Field(
        "management", pattern=NAME_PATTERN,
        description="Tier of the home island whose subnets (one per AZ) the endpoint is associated with.")
    server_certificate_arn: AcmArn | None = Field(
        None, description="ACM ARN of the endpoint's server certificate (required when enabled).")
    client_root_certificate_arn: AcmArn | None = Field(
        None, description="Mutual TLS: ACM ARN of the client root CA chain. Set this or samlProviderArn.")
    saml_provider_arn: str | None = Field(
        None, description="SAML: IAM SAML provider ARN of the IdP. Set this or clientRootCertificateArn.")
    client_cidr: str | None = Field(
        None, description="IPv4 CIDR (/12-/22) clients get addresses from; must not overlap any island "
        "(required when enabled).")
    session_timeout_hours: int = Field(8, description="Hours before a user must re-authenticate: 8, 10 or 12.")
    login_banner: str = Field(
        DEFAULT_BANNER, min_length=1, max_length=MAX_BANNER, description="Text the AWS client shows on connect.")
    dns_servers: list[str] = Field(
        default_factory=list, max_length=2, description="Up to 2 DNS server IPs; default: the client's own.")
    log_retention_days: RetentionDays = Field(
        365, description="Retention of the connection log group when this component creates it.")
    islands: list[IslandAccessSpec] = Field(
        default_factory=list, description="Islands VPN users may reach; nothing else is authorized.")

    @field_validator("saml_provider_arn")
    @classmethod
    def _saml(cls, value: str | None) -> str | None:
        if value is not None and not SAML_ARN_RE.match(value):
            raise ValueError(
                f"{value!r} is not an IAM SAML provider ARN (arn:aws:iam::<account>:saml-provider/<name>)")
        return value

    @field_validator("client_cidr")
    @classmethod
    def _client_cidr(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            net = ipaddress.IPv4Network(value, strict=True)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a valid IPv4 CIDR ({exc})") from None
        if "/" not in value or not MIN_CLIENT_PREFIX <= net.prefixlen <= MAX_CLIENT_PREFIX:
            raise ValueError(f"{value}: Client VPN client CIDRs must be /{MIN_CLIENT_PREFIX} to /{MAX_CLIENT_PREFIX}")
        return str(net)

    @field_validator("session_timeout_hours")
    @classmethod
    def _session(cls, value: int) -> int:
        if value not in SESSION_HOURS:
            raise ValueError(f"{value} hours: use one of {list(SESSION_HOURS)} (at most 12 hours per session)")
        return value

    @field_validator("dns_servers")
    @classmethod
    def _dns(cls, servers: list[str]) -> list[str]:
        for server in servers:
            try:
                ipaddress.IPv4Address(server)
            except ValueError:
                raise ValueError(f"{server!r} is not an IPv4 address") from None
        return servers


    @field_validator("islands")
    @classmethod
    def _unique_islands(cls, islands: list[IslandAccessSpec]) -> list[IslandAccessSpec]:
        names = [i.name for i in islands]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"islands {repeated} are listed more than once")
        return islands

    @model_validator(mode="after")
    def _one_authentication_mode(self) -> AccessSpec:
        if self.client_root_certificate_arn and self.saml_provider_arn:
            raise ValueError("set exactly one of clientRootCertificateArn (mutual TLS) and samlProviderArn (SAML)")
        if not self.saml_provider_arn:
            grouped = [i.name for i in self.islands if i.access_group_id]
            if grouped:
                raise ValueError(f"islands {grouped} set accessGroupId, which needs samlProviderArn (SAML)")
        return self

    def is_enabled(self, production: bool) -> bool:
        return self.enabled if self.enabled is not None else production


def access_issues(spec: AccessSpec, production: bool, island_cidrs: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """Environment and network checks; `island_cidrs` maps every island name to its CIDR."""
    if production and spec.enabled is False:
        yield "access.enabled", "production environments reach their islands only through the Client VPN"
    if not spec.is_enabled(production):
        return
    known = sorted(island_cidrs)
    required = {"serverCertificateArn": spec.server_certificate_arn, "clientCidr": spec.client_cidr,
                "homeIsland": spec.home_island}
    for key, value in required.items():
        if value is None:
            yield f"access.{key}", "required when the Client VPN is enabled"
    if not (spec.client_root_certificate_arn or spec.saml_provider_arn):
        yield "access", "set clientRootCertificateArn (mutual TLS) or samlProviderArn (SAML)"
    if spec.home_island is not None and spec.home_island not in island_cidrs:
        yield "access.homeIsland", f"unknown island {spec.home_island!r}; islands: {known}"
    if not spec.islands:
        yield "access.islands", f"no island is authorized; list the islands VPN users may reach: {known}"
    for n, island in enumerate(spec.islands):
        if island.name not in island_cidrs:
            yield f"access.islands[{n}].name", f"unknown island {island.name!r}; islands: {known}"
    if spec.client_cidr is not None:
        client = ipaddress.IPv4Network(spec.client_cidr)
        for name, cidr in island_cidrs.items():
            if client.overlaps(ipaddress.IPv4Network(cidr)):
                yield "access.clientCidr", f"{spec.client_cidr} overlaps island {name!r} {cidr}"
