"""CIDR and port coverage as AWS evaluates security-group and NACL entries."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

ANYWHERE = ("0.0.0.0/0", "::/0")
ALL_PROTOCOLS = ("-1", "all")
_PORTED = {"tcp", "udp", "6", "17"}
MAX_PORT = 65535


def _network(cidr: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(str(cidr).strip(), strict=False)
    except ValueError:
        return None


def is_anywhere(cidr: Any) -> bool:
    """0.0.0.0/0 or ::/0 (any spelling with a zero-length prefix)."""
    net = _network(str(cidr)) if cidr is not None else None
    return net is not None and net.prefixlen == 0


def is_allowed(cidr: Any, allowed: Iterable[str]) -> bool:
    net = _network(str(cidr))
    if net is None:
        return False
    for entry in allowed:
        other = _network(entry)
        if other is not None and other.version == net.version and net.subnet_of(other):  # type: ignore[arg-type]
            return True
    return False


def is_exposed(cidr: Any, allowed: Iterable[str] = (), strict: bool = False) -> bool:
    """Whether a source CIDR counts as the internet.

    Anywhere always does unless a team explicitly allows it; with ``strict`` every globally routable
    source not in ``allowed`` does too.
    """
    if cidr is None or is_allowed(cidr, allowed):
        return False
    if is_anywhere(cidr):
        return True
    net = _network(str(cidr))
    return bool(strict and net is not None and net.is_global)


def _protocol(protocol: Any) -> str:
    text = str(protocol).strip().lower()
    # Numbers arrive as floats ("-1.0", "6.0") when a program passed an int.
    if text.replace(".", "", 1).lstrip("-").isdigit():
        text = str(int(float(text)))
    return text


def all_protocols(protocol: Any) -> bool:
    return _protocol(protocol) in ALL_PROTOCOLS


def covers_port(protocol: Any, from_port: Any, to_port: Any, port: int | None) -> bool:
    """Whether an entry opens ``port`` (None: every port, i.e. all protocols or 0-65535)."""
    if all_protocols(protocol):
        return True
    if _protocol(protocol) not in _PORTED:
        return False
    low = float(from_port if from_port is not None else 0)
    high = float(to_port if to_port is not None else MAX_PORT)
    if port is None:
        return low <= 1 and high >= MAX_PORT  # 1-65535 is every usable port too
    return low <= port <= high
