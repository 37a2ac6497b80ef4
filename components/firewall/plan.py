"""Pure planning of the security-group tiers (no pulumi import).

Every tier gets one SG; every flow becomes an ingress rule on the target SG and an egress rule on
the source SG. Within an island both sides reference SGs. Across islands the ingress side still
references the source SG (Transit Gateway security-group referencing), while the egress side names
the target tier's subnet CIDRs, because AWS supports cross-VPC SG references only in inbound rules.
Every tier may also reach its island's interface endpoints and the S3/DynamoDB gateway endpoints on
443; nothing else leaves a tier unless a flow says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..network.plan import IslandPlan
from ..network.spec import NetworkSpec
from .spec import INTERNET, FirewallSpec

ANYWHERE = "0.0.0.0/0"


@dataclass(frozen=True)
class SgPlan:
    tier: str
    island: str
    kind: str


@dataclass(frozen=True)
class SgRulePlan:
    """One rule. `peer` is ('sg', tier), ('cidr', cidr), ('endpoints', island) or ('prefix-list', service)."""

    name: str
    tier: str
    direction: str
    protocol: str
    from_port: int
    to_port: int
    peer: tuple[str, str]
    description: str


@dataclass(frozen=True)
class FirewallPlan:
    groups: tuple[SgPlan, ...]
    rules: tuple[SgRulePlan, ...]

    def rules_of(self, tier: str) -> tuple[SgRulePlan, ...]:
        return tuple(r for r in self.rules if r.tier == tier)


def tier_islands(network: NetworkSpec) -> dict[str, str]:
    return {t.name: i.name for i in network.islands for t in i.tiers}


def plan_firewall(network: NetworkSpec, firewall: FirewallSpec, islands: dict[str, IslandPlan],
                  gwlb: tuple[str, int] | None = None) -> FirewallPlan:
    """`gwlb=(tier, health_port)`: a Gateway Load Balancer in that tier has no SG of its own, so its
    tier admits GENEVE (udp 6081) and the health check from the tier's own subnet CIDRs."""
    home = tier_islands(network)
    groups = tuple(SgPlan(t.name, i.name, t.kind) for i in network.islands for t in i.tiers)
    rules: list[SgRulePlan] = []
    for flow in firewall.flows:
        why = flow.description or f"{flow.source} to {flow.target}"
        for port in flow.ports:
            label, proto, lo, hi = port.name, port.protocol, port.from_port, port.to_port
            if flow.target != INTERNET:
                peer = ("cidr", ANYWHERE) if flow.source == INTERNET else ("sg", flow.source)
                rules.append(SgRulePlan(
                    f"{flow.target}-in-{flow.source}-{label}", flow.target, "ingress", proto, lo, hi, peer,
                    f"{label} from {flow.source}: {why}",
                ))
            if flow.source == INTERNET:
                continue
            desc = f"{label} to {flow.target}: {why}"
            if flow.target == INTERNET:
                rules.append(SgRulePlan(f"{flow.source}-out-internet-{label}", flow.source, "egress",
                                        proto, lo, hi, ("cidr", ANYWHERE), desc))
            elif home[flow.source] == home[flow.target]:
                rules.append(SgRulePlan(f"{flow.source}-out-{flow.target}-{label}", flow.source, "egress",
                                        proto, lo, hi, ("sg", flow.target), desc))
            else:
                for subnet in islands[home[flow.target]].subnets_of(flow.target):
                    rules.append(SgRulePlan(
                        f"{flow.source}-out-{flow.target}-{label}-az{subnet.az_index}", flow.source, "egress",
                        proto, lo, hi, ("cidr", subnet.cidr), desc,
                    ))
    if gwlb is not None:
        tier, health_port = gwlb
        for subnet in islands[home[tier]].subnets_of(tier):
            az = f"az{subnet.az_index}"
            rules.append(SgRulePlan(f"{tier}-in-gwlb-geneve-{az}", tier, "ingress", "udp", 6081, 6081,
                                    ("cidr", subnet.cidr), "GENEVE from the gateway load balancer"))
            rules.append(SgRulePlan(f"{tier}-in-gwlb-health-{az}", tier, "ingress", "tcp", health_port, health_port,
                                    ("cidr", subnet.cidr), "health checks from the gateway load balancer"))
    for group in groups:
        rules.append(SgRulePlan(f"{group.tier}-out-endpoints-https", group.tier, "egress", "tcp", 443, 443,
                                ("endpoints", group.island), "https to the island's interface endpoints"))
        for service in network.gateway_endpoints:
            rules.append(SgRulePlan(f"{group.tier}-out-{service}-https", group.tier, "egress", "tcp", 443, 443,
                                    ("prefix-list", service), f"https to {service} via the gateway endpoint"))
    return FirewallPlan(groups, tuple(rules))
