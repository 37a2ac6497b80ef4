"""Input contract of the network domain (`landing-zone:network`)."""

from __future__ import annotations

import ipaddress
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from ..spec_base import NAME_PATTERN, RetentionDays, Spec

TierKind = Literal["public", "private", "isolated", "inspection"]
NatStrategy = Literal["none", "single", "perAz"]
GatewayService = Literal["s3", "dynamodb"]
GATEWAY_SERVICES: tuple[GatewayService, ...] = ("s3", "dynamodb")

#: Island CIDRs are /16 (the largest VPC) to /20, so every AZ slot holds at least a /26.
MIN_ISLAND_PREFIX = 16
MAX_ISLAND_PREFIX = 20
DEFAULT_INTERFACE_ENDPOINTS = ("ssm", "ssmmessages", "ec2messages", "logs", "kms", "sts")
Port = Annotated[int, Field(ge=0, le=65535)]


def _ipv4_network(value: object) -> str:
    """Parse a strict IPv4 CIDR ('10.0.0.0/16'); host bits set or garbage is an error."""
    if not isinstance(value, str):
        raise ValueError(f"expected a CIDR string such as 10.0.0.0/16, got {value!r}")
    try:
        net = ipaddress.IPv4Network(value, strict=True)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid IPv4 CIDR ({exc})") from None
    if "/" not in value:
        raise ValueError(f"{value!r} has no prefix length (write it as {net.with_prefixlen})")
    return str(net)


class NaclDenyEntry(Spec):
    """One entry of the NACL black list; denies are evaluated before every allow."""

    cidr: str = Field(description="IPv4 CIDR to block, e.g. 198.51.100.0/24.")
    protocol: Literal["all", "tcp", "udp", "icmp"] = Field(
        "all", description="Protocol to block; 'all' blocks every protocol and port."
    )
    from_port: Port = Field(0, description="First port of the blocked range (tcp/udp only).")
    to_port: Port = Field(65535, description="Last port of the blocked range (tcp/udp only).")
    direction: Literal["ingress", "egress", "both"] = Field(
        "both", description="Which direction of traffic the entry blocks."
    )
    description: str = Field("", max_length=255, description="Why the range is blocked.")

    @field_validator("cidr", mode="before")
    @classmethod
    def _cidr(cls, value: object) -> str:
        return _ipv4_network(value)

    @model_validator(mode="after")
    def _ports_ordered(self) -> NaclDenyEntry:
        if self.from_port > self.to_port:
            raise ValueError(f"fromPort {self.from_port} is greater than toPort {self.to_port}")
        if self.protocol in ("all", "icmp") and (self.from_port, self.to_port) != (0, 65535):
            raise ValueError(f"protocol {self.protocol!r} takes no port range; drop fromPort/toPort")
        return self


class TierSpec(Spec):
    """A tier: one subnet per AZ, one route table (per AZ with per-AZ NAT), one NACL, one SG."""

    name: str = Field(pattern=NAME_PATTERN, description="Tier name, unique across all islands.")
    kind: TierKind = Field(
        description="public: routes to the internet gateway; private and inspection: egress through "
        "NAT when the island has one; isolated: no internet route at all."
    )
    prefix_length: int | None = Field(
        None, ge=16, le=28,
        description="Subnet size; default: the whole AZ slot (island prefix + 6, e.g. /22 in a /16).",
    )
    slot: int | None = Field(
        None, ge=0, le=6,
        description="Fixed allocation slot; default: the tier's position. Pin it to remove or reorder "
        "tiers without renumbering the others.",
    )
    nacl_deny: list[NaclDenyEntry] = Field(
        default_factory=list, description="Deny entries for this tier only, after the network-wide ones."
    )


class IslandSpec(Spec):
    """A VPC island: its own CIDR, tiers, NACLs and flow logs; reachable only through the TGW."""

    name: str = Field(pattern=NAME_PATTERN, description="Island name, unique.")
    cidr: str = Field(description="IPv4 CIDR of the VPC, /16 to /20.")
    tiers: list[TierSpec] = Field(min_length=1, max_length=7, description="Tiers, in slot order.")

    @field_validator("cidr", mode="before")
    @classmethod
    def _cidr(cls, value: object) -> str:
        cidr = _ipv4_network(value)
        prefix = ipaddress.IPv4Network(cidr).prefixlen
        if not MIN_ISLAND_PREFIX <= prefix <= MAX_ISLAND_PREFIX:
            raise ValueError(
                f"{cidr}: island CIDRs must be /{MIN_ISLAND_PREFIX} to /{MAX_ISLAND_PREFIX} "
                "(a VPC is at most /16; smaller islands leave no room for 7 tiers x 6 AZs)"
            )
        return cidr

    @property
    def network(self) -> ipaddress.IPv4Network:
        return ipaddress.IPv4Network(self.cidr)


class FlowLogSpec(Spec):
    """VPC flow logs (ALL traffic) to a KMS-encrypted CloudWatch log group."""

    retention_days: RetentionDays = Field(365, description="Log group retention; prod needs at least 365.")
    aggregation_seconds: Literal[60, 600] = Field(60, description="Max aggregation interval.")



class NetworkSpec(Spec):
    """`landing-zone:network`: islands, AZs, NAT, the interconnect allow-list and the NACL black list."""

    az_count: int = Field(2, ge=1, le=6, description="AZs every island spans (prod: at least 2).")
    nat_strategy: NatStrategy = Field(
        "single", description="NAT gateways in islands with a public tier: none, single, or perAz."
    )
    islands: list[IslandSpec] = Field(min_length=1, max_length=16, description="The VPC islands.")
    peers: list[tuple[str, str]] = Field(
        default_factory=list,
        description="Island pairs allowed to route to each other through the Transit Gateway; "
        "islands not paired have no path between them.",
    )
    nacl_deny: list[NaclDenyEntry] = Field(
        default_factory=list, description="Deny entries applied to every tier's NACL."
    )
    flow_logs: FlowLogSpec = Field(default_factory=FlowLogSpec, description="Flow log settings.")
    interface_endpoints: list[str] = Field(
        default_factory=lambda: list(DEFAULT_INTERFACE_ENDPOINTS),
        description="Interface endpoints per island (service short names), reachable on 443 from the VPC.",
    )
    gateway_endpoints: list[GatewayService] = Field(
        default_factory=lambda: list(GATEWAY_SERVICES), description="Gateway endpoints per island."
    )

    def island(self, name: str) -> IslandSpec:
        return next(i for i in self.islands if i.name == name)
