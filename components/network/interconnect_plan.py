"""Pure planning of the Transit Gateway interconnect: who propagates into whose route table."""

from __future__ import annotations

from dataclasses import dataclass

from .plan import peers_of
from .spec import NetworkSpec


@dataclass(frozen=True)
class PropagationPlan:
    """Island `source`'s attachment propagates its CIDR into island `table`'s TGW route table."""

    table: str
    source: str


@dataclass(frozen=True)
class PeerRoutePlan:
    """In island `island`, send `destination` (a peer island's CIDR) to the TGW."""

    island: str
    peer: str
    destination: str


@dataclass(frozen=True)
class InterconnectPlan:
    islands: tuple[str, ...]
    propagations: tuple[PropagationPlan, ...]
    routes: tuple[PeerRoutePlan, ...]


def plan_interconnect(network: NetworkSpec) -> InterconnectPlan:
    """Only allow-listed pairs see each other; an unpaired island's TGW table stays empty."""
    props: list[PropagationPlan] = []
    routes: list[PeerRoutePlan] = []
    for island in network.islands:
        for peer in peers_of(network, island.name):
            props.append(PropagationPlan(island.name, peer))
            routes.append(PeerRoutePlan(island.name, peer, network.island(peer).cidr))
    return InterconnectPlan(tuple(i.name for i in network.islands), tuple(props), tuple(routes))
