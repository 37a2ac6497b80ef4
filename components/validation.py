"""Cross-reference checks that run after schema validation; each returns (path, message) issues."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .access.spec import AccessSpec
from .firewall.plan import tier_islands
from .firewall.spec import INTERNET, INTERNET_PORTS, FirewallSpec
from .ids.spec import IdsSpec, IngressSpec
from .network.plan import max_subnet_prefix, tier_slot_of
from .network.spec import NetworkSpec
from .storage.spec import StorageSpec

Issue = tuple[str, str]


def _duplicates(names: list[str]) -> set[str]:
    return {n for n, c in Counter(names).items() if c > 1}


def network_issues(net: NetworkSpec, production: bool) -> Iterator[Issue]:
    if production and net.az_count < 2:
        yield "network.azCount", f"{net.az_count}: a production environment needs at least 2 AZs"
    island_names = [i.name for i in net.islands]
    for name in sorted(_duplicates(island_names)):
        yield "network.islands", f"island name {name!r} is used more than once"
    tier_names = [t.name for i in net.islands for t in i.tiers]
    for name in sorted(_duplicates(tier_names)):
        where = [f"islands[{n}]" for n, i in enumerate(net.islands) if any(t.name == name for t in i.tiers)]
        yield "network.islands", f"tier name {name!r} is used more than once ({', '.join(where)}); names are unique"
    for a, island in enumerate(net.islands):
        for b in range(a):
            other = net.islands[b]
            if island.network.overlaps(other.network):
                yield (f"network.islands[{a}].cidr",
                       f"{island.cidr} overlaps islands[{b}] {other.name!r} {other.cidr}")
        yield from _tier_issues(net, a)
    yield from _peer_issues(net, set(island_names))
    if not any(t.kind == "public" for i in net.islands for t in i.tiers) and net.nat_strategy != "none":
        yield "network.natStrategy", f"{net.nat_strategy!r} needs an island with a public tier; use 'none'"


def _tier_issues(net: NetworkSpec, a: int) -> Iterator[Issue]:
    island = net.islands[a]
    largest = max_subnet_prefix(island.cidr)
    slots: dict[int, str] = {}
    for t, tier in enumerate(island.tiers):
        path = f"network.islands[{a}].tiers[{t}]"
        if tier.prefix_length is not None and tier.prefix_length < largest:
            yield (f"{path}.prefixLength",
                   f"/{tier.prefix_length} does not fit island {island.name!r} {island.cidr}: "
                   f"each AZ slot is /{largest}, so subnets can be /{largest} to /28")
        slot = tier_slot_of(island, tier.name)
        if slot in slots:
            yield f"{path}.slot", f"slot {slot} is already taken by tier {slots[slot]!r}"
        slots[slot] = tier.name


def _peer_issues(net: NetworkSpec, islands: set[str]) -> Iterator[Issue]:
    seen: set[frozenset[str]] = set()
    for p, (a, b) in enumerate(net.peers):
        for side, name in ((0, a), (1, b)):
            if name not in islands:
                yield f"network.peers[{p}][{side}]", f"unknown island {name!r}; islands: {sorted(islands)}"
        if a == b:
            yield f"network.peers[{p}]", f"island {a!r} cannot be paired with itself"
        pair = frozenset((a, b))
        if pair in seen:
            yield f"network.peers[{p}]", f"pair {a!r}-{b!r} is listed twice"
        seen.add(pair)


def firewall_issues(net: NetworkSpec, fw: FirewallSpec) -> Iterator[Issue]:
    home = tier_islands(net)
    kinds = {t.name: t.kind for i in net.islands for t in i.tiers}
    known = sorted(home)
    seen: dict[tuple[str, str, str], int] = {}
    for f, flow in enumerate(fw.flows):
        path = f"firewall.flows[{f}]"
        for field, tier in (("from", flow.source), ("to", flow.target)):
            if tier != INTERNET and tier not in home:
                yield f"{path}.{field}", f"unknown tier {tier!r}; tiers: {known} or 'internet'"
        if flow.source == INTERNET and flow.target in kinds:
            if kinds[flow.target] != "public":
                yield (f"{path}.to", f"tier {flow.target!r} is {kinds[flow.target]}: only a public (edge) "
                       "tier may take traffic from the internet")
            if not flow.is_internet_safe:
                shown = [f"{p.name} {p.protocol}/{p.from_port}-{p.to_port}" for p in flow.ports]
                yield f"{path}.ports", f"{shown}: the internet may reach only {list(INTERNET_PORTS)}"
        if flow.target == INTERNET and kinds.get(flow.source) == "isolated":
            yield f"{path}.from", f"tier {flow.source!r} is isolated: it has no route to the internet"
        elif flow.target == INTERNET and flow.source in home and kinds.get(flow.source) != "public":
            island = net.island(home[flow.source])
            if net.nat_strategy == "none" or not any(t.kind == "public" for t in island.tiers):
                yield (f"{path}.from", f"tier {flow.source!r} has no NAT route to the internet (island "
                       f"{island.name!r} has no public tier or natStrategy is 'none')")
        if flow.source in home and flow.target in home and home[flow.source] != home[flow.target]:
            pair = {home[flow.source], home[flow.target]}
            if not any(set(p) == pair for p in net.peers):
                yield (f"{path}", f"{flow.source!r} ({home[flow.source]}) and {flow.target!r} "
                       f"({home[flow.target]}) are in islands that are not peers: add them to network.peers")
        for port in flow.ports:
            label = port.name
            key = (flow.source, flow.target, label)
            if key in seen:
                yield f"{path}.ports", f"{label!r} from {flow.source!r} to {flow.target!r} repeats flows[{seen[key]}]"
            seen[key] = f


def access_enabled(access: AccessSpec, production: bool) -> bool:
    return access.enabled if access.enabled is not None else production


def access_network_issues(access: AccessSpec, net: NetworkSpec, production: bool) -> Iterator[Issue]:
    """The VPN lands in a real tier of its home island and reaches only islands routed to it."""
    if not access_enabled(access, production) or access.home_island is None:
        return
    home = next((i for i in net.islands if i.name == access.home_island), None)
    if home is None:
        return  # access_issues names the unknown island
    tiers = [t.name for t in home.tiers]
    if access.home_tier not in tiers:
        yield "access.homeTier", f"{access.home_tier!r} is not a tier of island {home.name!r}; tiers: {tiers}"
    paired = {frozenset(p) for p in net.peers}
    for n, island in enumerate(access.islands):
        if island.name != home.name and frozenset((home.name, island.name)) not in paired:
            yield (f"access.islands[{n}].name", f"island {island.name!r} is not a peer of the home island "
                   f"{home.name!r}: VPN routes to it would lead nowhere (add the pair to network.peers)")


#: The tiers the ingress path runs through, in order: internet -> public ALB -> sensors -> internal ALB.
EDGE_TIERS = {"public": "public", "inspection": "inspection", "app": "private"}


def edge_issues(ingress: IngressSpec, ids: IdsSpec, storage: StorageSpec, net: NetworkSpec) -> Iterator[Issue]:
    """The ingress path needs its tiers and a bucket ELB can write access logs to."""
    if not ingress.enabled:
        return
    tiers = {t.name: t.kind for i in net.islands for t in i.tiers}
    for tier, kind in EDGE_TIERS.items():
        if tier not in tiers:
            yield "ingress.enabled", f"the ingress path needs a tier named {tier!r} ({kind}); tiers: {sorted(tiers)}"
    if not storage.elb_log_bucket:
        yield "storage.elbLogBucket", ("must be true when ingress is enabled: ALB access logs can only be delivered "
                                       "to an SSE-S3 bucket, which the landing zone creates for them")
    if ids.mode == "gwlb" and tiers.get("public") != "public":
        yield "ids.mode", "gwlb inspects the public tier's traffic: a public tier named 'public' is required"
