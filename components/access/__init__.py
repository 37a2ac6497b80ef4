"""Access domain: AWS Client VPN (mutual TLS or SAML) with connection logs (row 3)."""

from .client_vpn import ClientVpn
from .spec import AccessSpec, IslandAccessSpec

__all__ = [
    "AccessSpec",
    "ClientVpn",
    "IslandAccessSpec",
]
