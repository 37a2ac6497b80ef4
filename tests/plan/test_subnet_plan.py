"""The subnet planner: known layouts pinned, plus properties that must hold for any valid island."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.network.plan import plan_island, plan_subnets
from components.network.spec import IslandSpec, NetworkSpec, TierSpec

KINDS = ("public", "private", "isolated", "inspection")


def island(cidr: str, *tiers: str | tuple[str, int | None, int | None], name: str = "a") -> IslandSpec:
    specs = []
    for i, t in enumerate(tiers):
        tname, prefix, slot = (t, None, None) if isinstance(t, str) else t
        specs.append(TierSpec(name=tname, kind=KINDS[i % 4], prefix_length=prefix, slot=slot))  # type: ignore[arg-type]
    return IslandSpec(name=name, cidr=cidr, tiers=specs)


def layout(spec: IslandSpec, azs: int) -> list[tuple[str, int, str]]:
    return [(s.tier, s.az_index, s.cidr) for s in plan_subnets(spec, azs)]


# (island, tiers, azs) -> expected (tier, az, cidr) rows. A change here renumbers real subnets.
KNOWN_LAYOUTS = [
    (("10.0.0.0/16", "public", "app"), 2, [
        ("public", 0, "10.0.0.0/22"), ("public", 1, "10.0.4.0/22"),
        ("app", 0, "10.0.32.0/22"), ("app", 1, "10.0.36.0/22"),
    ]),
    (("10.10.0.0/16", "public", "inspection"), 3, [
        ("public", 0, "10.10.0.0/22"), ("public", 1, "10.10.4.0/22"), ("public", 2, "10.10.8.0/22"),
        ("inspection", 0, "10.10.32.0/22"), ("inspection", 1, "10.10.36.0/22"),
        ("inspection", 2, "10.10.40.0/22"),
    ]),
    (("172.16.0.0/20", "web", ("db", 28, None)), 2, [
        ("web", 0, "172.16.0.0/26"), ("web", 1, "172.16.0.64/26"),
        ("db", 0, "172.16.2.0/28"), ("db", 1, "172.16.2.64/28"),
    ]),
    (("10.0.0.0/16", ("edge", 24, 0), ("data", None, 5)), 1, [
        ("edge", 0, "10.0.0.0/24"), ("data", 0, "10.0.160.0/22"),
    ]),
]


@pytest.mark.parametrize(("args", "azs", "expected"), KNOWN_LAYOUTS)
def test_known_layouts(args: tuple, azs: int, expected: list) -> None:
    assert layout(island(*args), azs) == expected


def test_reserved_subnets_sit_in_the_last_tier_slot() -> None:
    net = NetworkSpec(islands=[island("10.0.0.0/16", "public", "app")], az_count=2)
    plan = plan_island(net.islands[0], net)
    assert [s.cidr for s in plan.attachment_subnets] == ["10.0.224.0/28", "10.0.228.0/28"]
    assert [s.cidr for s in plan.endpoint_subnets] == ["10.0.224.16/28", "10.0.228.16/28"]


# --- properties ---------------------------------------------------------------------------------

prefixes = st.integers(min_value=16, max_value=20)
bases = st.integers(min_value=0, max_value=2**32 - 1)


@st.composite
def islands(draw: st.DrawFn) -> tuple[IslandSpec, int]:
    prefix = draw(prefixes)
    net = ipaddress.IPv4Network((draw(bases), prefix), strict=False)
    count = draw(st.integers(min_value=1, max_value=7))
    tiers = []
    for i in range(count):
        size = draw(st.one_of(st.none(), st.integers(min_value=prefix + 6, max_value=28)))
        tiers.append((f"t{i}", size, None))
    return island(str(net), *tiers), draw(st.integers(min_value=1, max_value=6))


def all_subnets(spec: IslandSpec, azs: int) -> list[ipaddress.IPv4Network]:
    plan = plan_island(spec, NetworkSpec(islands=[spec], az_count=azs, nat_strategy="none"))
    return [ipaddress.IPv4Network(s.cidr) for s in (*plan.subnets, *plan.attachment_subnets, *plan.endpoint_subnets)]


@settings(max_examples=200, deadline=None)
@given(islands())
def test_subnets_never_overlap_and_stay_inside_the_vpc(case: tuple[IslandSpec, int]) -> None:
    spec, azs = case
    subnets = all_subnets(spec, azs)
    assert len(subnets) == (len(spec.tiers) + 2) * azs
    for i, a in enumerate(subnets):
        assert a.subnet_of(spec.network)
        for b in subnets[i + 1:]:
            assert not a.overlaps(b), (a, b)


@settings(max_examples=100, deadline=None)
@given(islands())
def test_plan_is_deterministic(case: tuple[IslandSpec, int]) -> None:
    spec, azs = case
    assert plan_subnets(spec, azs) == plan_subnets(spec.model_copy(deep=True), azs)


@settings(max_examples=150, deadline=None)
@given(islands(), st.integers(min_value=0, max_value=5))
def test_adding_an_az_keeps_existing_subnets(case: tuple[IslandSpec, int], extra: int) -> None:
    spec, azs = case
    more = min(6, azs + extra)
    assert set(layout(spec, azs)) <= set(layout(spec, more))


@settings(max_examples=150, deadline=None)
@given(islands())
def test_adding_a_tier_keeps_existing_subnets(case: tuple[IslandSpec, int]) -> None:
    spec, azs = case
    if len(spec.tiers) == 7:
        spec = spec.model_copy(update={"tiers": spec.tiers[:6]})
    grown = spec.model_copy(update={"tiers": [*spec.tiers, TierSpec(name="new", kind="private")]})
    assert set(layout(spec, azs)) <= set(layout(grown, azs))


@settings(max_examples=100, deadline=None)
@given(islands())
def test_removing_a_pinned_tier_keeps_the_others(case: tuple[IslandSpec, int]) -> None:
    spec, azs = case
    if len(spec.tiers) < 2:
        return
    pinned = [t.model_copy(update={"slot": i}) for i, t in enumerate(spec.tiers)]
    full = spec.model_copy(update={"tiers": pinned})
    without_first = spec.model_copy(update={"tiers": pinned[1:]})
    assert set(layout(without_first, azs)) <= set(layout(full, azs))
