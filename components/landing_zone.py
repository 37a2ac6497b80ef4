"""LandingZone: composes the domains from one validated config and wires their outputs together."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from components.base import AccountContext, Tagging, logical_name, type_token
from components.config import LandingZoneConfig, LandingZoneConfigError
from components.firewall.plan import plan_firewall
from components.firewall.security_tiers import SecurityTiers
from components.network.interconnect import IslandInterconnect
from components.network.interconnect_plan import plan_interconnect
from components.network.plan import plan_island
from components.network.vpc_island import VpcIsland


def resolve_account() -> AccountContext:
    """Account, region and partition from the provider (plain values: decided before any resource)."""
    identity = aws.get_caller_identity()
    region = aws.get_region()
    partition = aws.get_partition()
    return AccountContext(identity.account_id, region.region or region.name, partition.partition)


def resolve_azs(count: int) -> list[str]:
    zones = aws.get_availability_zones(state="available")
    names = sorted(zones.names)
    if len(names) < count:
        raise LandingZoneConfigError(
            [f"network.azCount: {count} AZs requested but the region offers only {len(names)}: {names}"])
    return names[:count]


class LandingZone(pulumi.ComponentResource):
    """The whole landing zone of one environment."""

    def __init__(
        self,
        name: str,
        config: LandingZoneConfig,
        *,
        account: AccountContext,
        az_names: list[str],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("core", "LandingZone"), name, None, opts)
        tags = config.tags
        tagging = Tagging(config.environment, tags.owner, tags.data_classification, tags.extra)
        network = config.network
        plans = {i.name: plan_island(i, network) for i in network.islands}
        self.islands = {
            island: VpcIsland(
                logical_name(config.environment, island), plan, network=network, az_names=az_names,
                account=account, tagging=tagging, protect_keys=config.protect_evidence,
                opts=pulumi.ResourceOptions(parent=self))
            for island, plan in plans.items()
        }
        self.interconnect = IslandInterconnect(
            logical_name(config.environment, "interconnect"), plan_interconnect(network),
            islands=self.islands, tagging=tagging, opts=pulumi.ResourceOptions(parent=self))
        self.tiers = SecurityTiers(
            logical_name(config.environment, "sg"), plan_firewall(network, config.firewall, plans),
            islands=self.islands, tagging=tagging, opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({})
