"""Pure planning of a VPC island: subnets, route tables, NAT, NACL entries (no pulumi import).

Subnet allocation strategy (stable by construction)
----------------------------------------------------
The island CIDR is cut into 8 equal *tier slots* (island prefix + 3); tier slot 7 is reserved for
the landing zone's own subnets (TGW attachments, interface endpoints). Each tier slot is cut into 8
equal *AZ slots* (island prefix + 6); AZ slot `i` belongs to the i-th availability zone (at most 6
are used). A tier's subnet in AZ `i` is the first `prefixLength` block of AZ slot `i` of the tier's
slot (its position in the list, or its pinned `slot`).

Because every subnet's address depends only on (tier slot, AZ index, prefix length), adding a tier,
adding an AZ or removing a pinned tier never renumbers an existing subnet. Known layouts, pinned in
tests/plan/test_subnet_plan.py:

    island 10.0.0.0/16, tiers [public, app], 2 AZs
      public  az0 10.0.0.0/22   az1 10.0.4.0/22
      app     az0 10.0.32.0/22  az1 10.0.36.0/22
      attach  az0 10.0.224.0/28 az1 10.0.228.0/28    endpoints az0 10.0.224.16/28 az1 10.0.228.16/28
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from .spec import IslandSpec, NaclDenyEntry, NatStrategy, NetworkSpec, TierKind

TIER_SLOTS = 8
AZ_SLOTS = 8
RESERVED_SLOT = TIER_SLOTS - 1
ATTACHMENT_PREFIX = 28
ENDPOINT_PREFIX = 28
ANYWHERE = "0.0.0.0/0"
ADMIN_PORTS = (22, 3389)
EPHEMERAL = (1024, 65535)


@dataclass(frozen=True)
class SubnetPlan:
    tier: str
    kind: TierKind | str
    az_index: int
    cidr: str


@dataclass(frozen=True)
class RouteTablePlan:
    """One route table; `default_via` is where 0.0.0.0/0 goes: 'igw', 'nat', or None."""

    key: str
    tier: str
    az_index: int | None
    default_via: str | None
    nat_az: int | None
    peer_routes: bool


@dataclass(frozen=True)
class NaclEntryPlan:
    rule_no: int
    action: str
    protocol: str
    cidr: str
    from_port: int
    to_port: int


@dataclass(frozen=True)
class NaclPlan:
    tier: str
    ingress: tuple[NaclEntryPlan, ...]
    egress: tuple[NaclEntryPlan, ...]


@dataclass(frozen=True)
class IslandPlan:
    name: str
    cidr: str
    subnets: tuple[SubnetPlan, ...]
    attachment_subnets: tuple[SubnetPlan, ...]
    endpoint_subnets: tuple[SubnetPlan, ...]
    route_tables: tuple[RouteTablePlan, ...]
    nat_azs: tuple[int, ...]
    has_internet_gateway: bool
    nacls: tuple[NaclPlan, ...]

    def subnets_of(self, tier: str) -> tuple[SubnetPlan, ...]:
        return tuple(s for s in self.subnets if s.tier == tier)

    def route_table_for(self, subnet: SubnetPlan) -> RouteTablePlan:
        tables = [t for t in self.route_tables if t.tier == subnet.tier]
        return next((t for t in tables if t.az_index == subnet.az_index), tables[0])


def tier_slot_of(island: IslandSpec, tier_name: str) -> int:
    for index, tier in enumerate(island.tiers):
        if tier.name == tier_name:
            return tier.slot if tier.slot is not None else index
    raise KeyError(tier_name)


def az_slot(island_cidr: str, slot: int, az_index: int) -> ipaddress.IPv4Network:
    """AZ slot `az_index` of tier slot `slot` (see the module docstring)."""
    island = ipaddress.IPv4Network(island_cidr)
    tier_block = list(island.subnets(prefixlen_diff=3))[slot]
    return list(tier_block.subnets(prefixlen_diff=3))[az_index]


def max_subnet_prefix(island_cidr: str) -> int:
    """The largest subnet (smallest prefix) a tier may ask for in this island."""
    return ipaddress.IPv4Network(island_cidr).prefixlen + 6


def plan_subnets(island: IslandSpec, az_count: int) -> tuple[SubnetPlan, ...]:
    """Tier subnets in (tier order, AZ order); stable as described in the module docstring."""
    out: list[SubnetPlan] = []
    for tier in island.tiers:
        slot = tier_slot_of(island, tier.name)
        prefix = tier.prefix_length or max_subnet_prefix(island.cidr)
        for az in range(az_count):
            block = az_slot(island.cidr, slot, az)
            subnet = next(block.subnets(new_prefix=prefix)) if prefix > block.prefixlen else block
            out.append(SubnetPlan(tier.name, tier.kind, az, str(subnet)))
    return tuple(out)


def _reserved(island: IslandSpec, az_count: int, offset: int, prefix: int, tier: str) -> tuple[SubnetPlan, ...]:
    subnets = []
    for az in range(az_count):
        block = az_slot(island.cidr, RESERVED_SLOT, az)
        subnets.append(SubnetPlan(tier, "isolated", az, str(list(block.subnets(new_prefix=prefix))[offset])))
    return tuple(subnets)


def plan_route_tables(island: IslandSpec, az_count: int, nat: NatStrategy) -> tuple[RouteTablePlan, ...]:
    """Per tier; per tier and AZ where each AZ's NAT gateway is its own default route."""
    has_public = any(t.kind == "public" for t in island.tiers)
    tables: list[RouteTablePlan] = []
    for tier in island.tiers:
        if tier.kind == "public":
            tables.append(RouteTablePlan(tier.name, tier.name, None, "igw", None, False))
        elif tier.kind == "isolated" or nat == "none" or not has_public:
            tables.append(RouteTablePlan(tier.name, tier.name, None, None, None, True))
        elif nat == "single":
            tables.append(RouteTablePlan(tier.name, tier.name, None, "nat", 0, True))
        else:
            for az in range(az_count):
                tables.append(RouteTablePlan(f"{tier.name}-az{az}", tier.name, az, "nat", az, True))
    return tuple(tables)


def _entries(rules: list[tuple[str, str, str, int, int]], start: int, step: int) -> list[NaclEntryPlan]:
    return [
        NaclEntryPlan(start + i * step, action, proto, cidr, lo, hi)
        for i, (action, proto, cidr, lo, hi) in enumerate(rules)
    ]


def _protocol(entry: NaclDenyEntry) -> str:
    return {"all": "-1", "tcp": "tcp", "udp": "udp", "icmp": "icmp"}[entry.protocol]


def plan_nacl(island: IslandSpec, tier_name: str, network: NetworkSpec, peer_cidrs: tuple[str, ...]) -> NaclPlan:
    """Denies first (admin ports from anywhere, then the configured black list), then the allows.

    Rule numbers: built-in denies 10-40, configured denies 100-990 (step 10), allows from 1000.
    SGs do the whitelisting; the NACL keeps a tier's exposure coarse-grained and blocks bad ranges.
    """
    tier = next(t for t in island.tiers if t.name == tier_name)
    denies = [*network.nacl_deny, *tier.nacl_deny]
    builtin = [("deny", "tcp", ANYWHERE, p, p) for p in ADMIN_PORTS]
    deny_in = [("deny", _protocol(d), d.cidr, d.from_port, d.to_port) for d in denies if d.direction != "egress"]
    deny_out = [("deny", _protocol(d), d.cidr, d.from_port, d.to_port) for d in denies if d.direction != "ingress"]
    internal = [("allow", "-1", cidr, 0, 0) for cidr in (island.cidr, *peer_cidrs)]
    ingress_allow = list(internal)
    egress_allow = list(internal)
    if tier.kind == "public":
        ingress_allow += [("allow", "tcp", ANYWHERE, 443, 443), ("allow", "tcp", ANYWHERE, 80, 80)]
    if tier.kind != "isolated":
        ingress_allow.append(("allow", "tcp", ANYWHERE, *EPHEMERAL))
        egress_allow.append(("allow", "-1", ANYWHERE, 0, 0))
    ingress = _entries(builtin, 10, 10) + _entries(deny_in, 100, 10) + _entries(ingress_allow, 1000, 10)
    egress = _entries(deny_out, 100, 10) + _entries(egress_allow, 1000, 10)
    return NaclPlan(tier_name, tuple(ingress), tuple(egress))


def plan_reserved_nacl(island: IslandSpec, network: NetworkSpec, peer_cidrs: tuple[str, ...]) -> NaclPlan:
    """TGW attachment and endpoint subnets talk only inside the island and to its peers."""
    denies = [("deny", _protocol(d), d.cidr, d.from_port, d.to_port) for d in network.nacl_deny]
    internal = [("allow", "-1", cidr, 0, 0) for cidr in (island.cidr, *peer_cidrs)]
    entries = tuple(_entries(denies, 100, 10) + _entries(internal, 1000, 10))
    return NaclPlan("reserved", entries, entries)


def peers_of(network: NetworkSpec, island: str) -> tuple[str, ...]:
    """Islands this one may route to (the allow-list is symmetric)."""
    out = [b if a == island else a for a, b in network.peers if island in (a, b)]
    return tuple(dict.fromkeys(out))


def plan_island(island: IslandSpec, network: NetworkSpec) -> IslandPlan:
    az = network.az_count
    has_public = any(t.kind == "public" for t in island.tiers)
    nat_azs: tuple[int, ...] = ()
    if has_public and network.nat_strategy == "single":
        nat_azs = (0,)
    elif has_public and network.nat_strategy == "perAz":
        nat_azs = tuple(range(az))
    peer_cidrs = tuple(network.island(p).cidr for p in peers_of(network, island.name))
    return IslandPlan(
        name=island.name,
        cidr=island.cidr,
        subnets=plan_subnets(island, az),
        attachment_subnets=_reserved(island, az, 0, ATTACHMENT_PREFIX, "attachment"),
        endpoint_subnets=_reserved(island, az, 1, ENDPOINT_PREFIX, "endpoints"),
        route_tables=plan_route_tables(island, az, network.nat_strategy),
        nat_azs=nat_azs,
        has_internet_gateway=has_public,
        nacls=(
            *(plan_nacl(island, t.name, network, peer_cidrs) for t in island.tiers),
            plan_reserved_nacl(island, network, peer_cidrs),
        ),
    )
