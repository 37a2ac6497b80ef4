"""Input contract of the firewall domain (`landing-zone:firewall`): the SG whitelist."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from ..spec_base import Spec

INTERNET = "internet"

#: Named ports a flow may use. Anything else is written as {protocol, fromPort, toPort}.
NAMED_PORTS: dict[str, tuple[str, int, int]] = {
    "https": ("tcp", 443, 443),
    "http": ("tcp", 80, 80),
    "http-proxy": ("tcp", 8080, 8080),
    "ssh": ("tcp", 22, 22),
    "rdp": ("tcp", 3389, 3389),
    "postgres": ("tcp", 5432, 5432),
    "mysql": ("tcp", 3306, 3306),
    "redis": ("tcp", 6379, 6379),
    "dns-tcp": ("tcp", 53, 53),
    "dns-udp": ("udp", 53, 53),
    "ntp": ("udp", 123, 123),
}
#: What the internet may reach, and only on a public tier: TLS, and plain HTTP that only redirects.
INTERNET_PORTS = ("https", "http")


class PortRange(Spec):
    """An explicit port range for a flow."""

    name: str = Field("custom", pattern=r"^[a-z][a-z0-9-]{0,30}$", description="Label used in rule names.")
    protocol: Literal["tcp", "udp"] = Field("tcp", description="Transport protocol.")
    from_port: int = Field(ge=0, le=65535, description="First port.")
    to_port: int = Field(ge=0, le=65535, description="Last port.")

    @model_validator(mode="after")
    def _ordered(self) -> PortRange:
        if self.from_port > self.to_port:
            raise ValueError(f"fromPort {self.from_port} is greater than toPort {self.to_port}")
        return self


class FlowSpec(Spec):
    """One whitelisted flow: `from` tier (or 'internet') may reach `to` tier (or 'internet') on ports."""

    source: str = Field(alias="from", description="Source tier name, or 'internet'.")
    target: str = Field(alias="to", description="Destination tier name, or 'internet' (egress).")
    ports: list[PortRange] = Field(
        min_length=1, description=f"Named ports ({', '.join(NAMED_PORTS)}) or {{protocol, fromPort, toPort}} ranges."
    )
    description: str = Field("", max_length=200, description="Why the flow exists (goes into rule descriptions).")

    @field_validator("ports", mode="before")
    @classmethod
    def _named_ports(cls, ports: object) -> object:
        if not isinstance(ports, list):
            return ports
        unknown = [p for p in ports if isinstance(p, str) and p not in NAMED_PORTS]
        if unknown:
            raise ValueError(f"unknown named port(s) {unknown}; known: {sorted(NAMED_PORTS)} "
                             "or write {protocol, fromPort, toPort}")
        return [named_port(p) if isinstance(p, str) else p for p in ports]

    @property
    def is_internet_safe(self) -> bool:
        """True when every port is one the internet may reach (https, or http for the redirect)."""
        allowed = {(NAMED_PORTS[n][0], NAMED_PORTS[n][1], NAMED_PORTS[n][2]) for n in INTERNET_PORTS}
        return all((p.protocol, p.from_port, p.to_port) in allowed for p in self.ports)


class FirewallSpec(Spec):
    """`landing-zone:firewall`: the whitelist of flows between tiers; everything else is denied."""

    flows: list[FlowSpec] = Field(default_factory=list, description="Allowed flows; SGs are built from them.")


def named_port(name: str) -> PortRange:
    proto, lo, hi = NAMED_PORTS[name]
    return PortRange(name=name, protocol=proto, from_port=lo, to_port=hi)
