"""Routing, NAT, NACL, interconnect and firewall plans derived from specs (pure, no Pulumi)."""

from __future__ import annotations

from components.firewall.plan import plan_firewall
from components.firewall.spec import FirewallSpec
from components.network.interconnect_plan import plan_interconnect
from components.network.plan import plan_island
from components.network.spec import NetworkSpec


def network(nat: str = "single", azs: int = 2, peers: list | None = None, deny: list | None = None) -> NetworkSpec:
    return NetworkSpec.model_validate({
        "azCount": azs, "natStrategy": nat,
        "islands": [
            {"name": "edge", "cidr": "10.10.0.0/16", "tiers": [
                {"name": "public", "kind": "public"}, {"name": "inspection", "kind": "inspection"}]},
            {"name": "work", "cidr": "10.20.0.0/16", "tiers": [
                {"name": "app", "kind": "private"}, {"name": "data", "kind": "isolated"}]},
            {"name": "lab", "cidr": "10.30.0.0/16", "tiers": [{"name": "lab", "kind": "private"}]},
        ],
        "peers": peers if peers is not None else [["edge", "work"]],
        "naclDeny": deny or [],
    })


def test_single_nat_lives_in_the_first_az_and_serves_every_private_tier() -> None:
    plan = plan_island(network().islands[0], network())
    assert plan.nat_azs == (0,)
    assert plan.has_internet_gateway
    tables = {t.key: (t.default_via, t.nat_az) for t in plan.route_tables}
    assert tables == {"public": ("igw", None), "inspection": ("nat", 0)}


def test_per_az_nat_gives_each_private_az_its_own_table() -> None:
    net = network(nat="perAz", azs=3)
    plan = plan_island(net.islands[0], net)
    assert plan.nat_azs == (0, 1, 2)
    assert {t.key: t.nat_az for t in plan.route_tables if t.tier == "inspection"} == {
        "inspection-az0": 0, "inspection-az1": 1, "inspection-az2": 2}


def test_island_without_public_tier_has_no_igw_no_nat_no_default_route() -> None:
    net = network()
    plan = plan_island(net.islands[1], net)
    assert not plan.has_internet_gateway and plan.nat_azs == ()
    assert all(t.default_via is None for t in plan.route_tables)


def test_nat_none_removes_private_default_routes() -> None:
    net = network(nat="none")
    plan = plan_island(net.islands[0], net)
    assert plan.nat_azs == ()
    assert {t.key: t.default_via for t in plan.route_tables} == {"public": "igw", "inspection": None}


def test_public_route_tables_never_get_peer_routes() -> None:
    plan = plan_island(network().islands[0], network())
    assert {t.key: t.peer_routes for t in plan.route_tables} == {"public": False, "inspection": True}


def test_nacl_denies_come_before_every_allow() -> None:
    net = network(deny=[{"cidr": "192.0.2.0/24"}, {"cidr": "198.51.100.0/24", "direction": "egress"}])
    plan = plan_island(net.islands[0], net)
    for nacl in plan.nacls:
        for entries in (nacl.ingress, nacl.egress):
            numbers = [e.rule_no for e in entries]
            assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
            last_deny = max((e.rule_no for e in entries if e.action == "deny"), default=0)
            first_allow = min(e.rule_no for e in entries if e.action == "allow")
            assert last_deny < first_allow
    public = next(n for n in plan.nacls if n.tier == "public")
    assert [(e.cidr, e.from_port, e.to_port) for e in public.ingress if e.action == "deny"] == [
        ("0.0.0.0/0", 22, 22), ("0.0.0.0/0", 3389, 3389), ("192.0.2.0/24", 0, 65535)]
    assert [e.cidr for e in public.egress if e.action == "deny"] == ["192.0.2.0/24", "198.51.100.0/24"]


def test_isolated_tier_nacl_admits_only_island_and_peer_ranges() -> None:
    net = network()
    data = next(n for n in plan_island(net.islands[1], net).nacls if n.tier == "data")
    allowed = {e.cidr for e in (*data.ingress, *data.egress) if e.action == "allow"}
    assert allowed == {"10.20.0.0/16", "10.10.0.0/16"}


def test_interconnect_propagates_and_routes_only_allowed_pairs() -> None:
    plan = plan_interconnect(network())
    assert {(p.table, p.source) for p in plan.propagations} == {("edge", "work"), ("work", "edge")}
    assert {(r.island, r.destination) for r in plan.routes} == {("edge", "10.20.0.0/16"), ("work", "10.10.0.0/16")}
    assert not [r for r in plan.routes if "lab" in (r.island, r.peer)]


def test_firewall_same_island_references_sgs_and_cross_island_egress_uses_subnet_cidrs() -> None:
    net = network()
    plans = {i.name: plan_island(i, net) for i in net.islands}
    fw = FirewallSpec.model_validate({"flows": [
        {"from": "internet", "to": "public", "ports": ["https"]},
        {"from": "public", "to": "inspection", "ports": ["http-proxy"]},
        {"from": "inspection", "to": "app", "ports": ["https"]},
    ]})
    rules = {r.name: r for r in plan_firewall(net, fw, plans).rules}
    assert rules["public-in-internet-https"].peer == ("cidr", "0.0.0.0/0")
    assert rules["inspection-in-public-http-proxy"].peer == ("sg", "public")
    assert rules["public-out-inspection-http-proxy"].peer == ("sg", "inspection")
    assert rules["app-in-inspection-https"].peer == ("sg", "inspection")
    assert [rules[f"inspection-out-app-https-az{i}"].peer for i in (0, 1)] == [
        ("cidr", "10.20.0.0/22"), ("cidr", "10.20.4.0/22")]
    assert all(r.description for r in rules.values())
    assert not [r for r in rules.values() if r.direction == "egress" and r.peer == ("cidr", "0.0.0.0/0")]


def test_every_tier_reaches_its_endpoints_and_nothing_else_by_default() -> None:
    net = network()
    plans = {i.name: plan_island(i, net) for i in net.islands}
    rules = plan_firewall(net, FirewallSpec(), plans).rules_of("data")
    assert {(r.direction, r.peer, r.from_port) for r in rules} == {
        ("egress", ("endpoints", "work"), 443), ("egress", ("prefix-list", "s3"), 443),
        ("egress", ("prefix-list", "dynamodb"), 443)}
