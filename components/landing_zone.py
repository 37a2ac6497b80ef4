"""LandingZone: composes the domains from one validated config and wires their outputs together."""

from __future__ import annotations

from typing import TypedDict

import pulumi
import pulumi_aws as aws

from components.access.client_vpn import ClientVpn
from components.audit.baseline import AuditBaseline
from components.base import AccountContext, Tagging, logical_name, type_token
from components.config import LandingZoneConfig, LandingZoneConfigError
from components.firewall.plan import plan_firewall
from components.firewall.security_tiers import SecurityTiers
from components.identity.identity import Identity
from components.logging.log_groups import LogGroups
from components.monitoring.monitoring import Monitoring
from components.network.interconnect import IslandInterconnect
from components.network.interconnect_plan import plan_interconnect
from components.network.plan import plan_island
from components.network.vpc_island import VpcIsland
from components.storage.baseline import StorageBaseline
from components.updates.patch_management import PatchManagement
from components.validation import access_enabled


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


class _Common(TypedDict):
    """The keyword arguments every domain component takes."""

    account: AccountContext
    tagging: Tagging
    production: bool


class LandingZone(pulumi.ComponentResource):
    """The whole landing zone of one environment: keys and audit first, then network, then the rest."""

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
        env, prod, protect = config.environment, config.is_production, config.protect_evidence
        tags = config.tags
        tagging = Tagging(env, tags.owner, tags.data_classification, tags.extra)
        child = pulumi.ResourceOptions(parent=self)
        self._common = _Common(account=account, tagging=tagging, production=prod)

        self.storage = StorageBaseline(logical_name(env, "storage"), config.storage, protect=protect,
                                       opts=child, **self._common)
        keys = self.storage.key_arns
        self.audit = AuditBaseline(logical_name(env, "audit"), config.audit, storage=config.storage,
                                   logs_key_arn=keys["logs"], protect=protect, opts=child, **self._common)

        network = config.network
        plans = {i.name: plan_island(i, network) for i in network.islands}
        self.islands = {
            island: VpcIsland(
                logical_name(env, island), plan, network=network, az_names=az_names, account=account,
                tagging=tagging, protect_keys=protect, opts=child)
            for island, plan in plans.items()
        }
        self.interconnect = IslandInterconnect(
            logical_name(env, "interconnect"), plan_interconnect(network), islands=self.islands,
            tagging=tagging, opts=child)
        self.tiers = SecurityTiers(
            logical_name(env, "sg"), plan_firewall(network, config.firewall, plans), islands=self.islands,
            tagging=tagging, opts=child)

        self.logs = LogGroups(logical_name(env, "logs"), config.logging, logs_key_arn=keys["logs"],
                              log_archive_bucket_arn=self.audit.log_archive_bucket_arn, protect=protect,
                              opts=child, **self._common)
        # Every log the landing zone writes also lands in the archive bucket.
        self.logs.export("trail", self.audit.trail_log_group_name)
        for island_name, island in self.islands.items():
            self.logs.export(f"flow-{island_name}", island.flow_log_group_name)

        self.monitoring = Monitoring(
            logical_name(env, "monitoring"), config.monitoring, alerts_key_arn=keys["alerts"],
            trail_log_group_name=self.audit.trail_log_group_name,
            flow_log_group_names=[i.flow_log_group_name for i in self.islands.values()], opts=child, **self._common)
        # The audit domain owns the account's Access Analyzer; a second one would only duplicate findings.
        identity = config.identity.model_copy(update={"access_analyzer": False})
        self.identity = Identity(logical_name(env, "identity"), identity, opts=child, **self._common)
        self.updates = PatchManagement(logical_name(env, "updates"), config.updates, opts=child, **self._common)

        self.access: ClientVpn | None = None
        access = config.access
        if access_enabled(access, prod) and access.home_island is not None:
            home = self.islands[access.home_island]
            reached = {a.name: network.island(a.name).cidr for a in access.islands}
            self.access = ClientVpn(
                logical_name(env, "vpn"), access, vpc_id=home.vpc.id, subnet_ids=home.subnet_ids[access.home_tier],
                island_cidrs=reached, logs_key_arn=keys["logs"], log_group_name=self.logs.names["vpn"],
                protect=protect, opts=child, **self._common)
        self.register_outputs({})
