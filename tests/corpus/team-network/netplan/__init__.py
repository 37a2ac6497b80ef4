"""Subnet layout: pure code, so it can be tested without Pulumi."""

import ipaddress
from dataclasses import dataclass


@dataclass(frozen=True)
class SubnetSlot:
    tier: str
    az: str
    cidr: str


def plan_subnets(cidr: str, azs: list[str], tiers: tuple[str, ...] = ("public", "private")) -> list[SubnetSlot]:
    """A /20 per (tier, az), tiers in order, AZs in order within a tier."""
    blocks = ipaddress.ip_network(cidr).subnets(new_prefix=20)
    return [SubnetSlot(tier, az, str(next(blocks))) for tier in tiers for az in azs]
