"""LandingZone: composes the domains from one validated config and wires their outputs together."""

from __future__ import annotations

from typing import TypedDict

import pulumi
import pulumi_aws as aws

from .access.client_vpn import ClientVpn
from .audit.baseline import AuditBaseline
from .base import AccountContext, Tagging, logical_name, type_token
from .config import LandingZoneConfig, LandingZoneConfigError
from .firewall.plan import plan_firewall
from .firewall.security_tiers import SecurityTiers
from .identity.identity import Identity
from .ids.fleet import GwlbRouting, IdsFleet
from .ids.image import SensorImage
from .ids.ingress import IngressEdge
from .isolation.isolation import AutomatedIsolation
from .logging.log_groups import LogGroups
from .monitoring.monitoring import Monitoring
from .network.interconnect import IslandInterconnect
from .network.interconnect_plan import plan_interconnect
from .network.plan import plan_island
from .network.vpc_island import VpcIsland
from .storage.baseline import StorageBaseline
from .updates.patch_management import PatchManagement
from .validation import access_enabled


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
        gwlb = ("inspection", config.ids.proxy_port) if config.ids.mode == "gwlb" else None
        self.tiers = SecurityTiers(
            logical_name(env, "sg"), plan_firewall(network, config.firewall, plans, gwlb), islands=self.islands,
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
        self.isolation = AutomatedIsolation(
            logical_name(env, "isolation"), config.isolation, alerts_topic_arn=self.monitoring.topic_arn,
            env_key_arn=keys["data"], logs_key_arn=keys["logs"],
            vpc_ids=[island.vpc.id for island in self.islands.values()], opts=child, **self._common)
        if self.isolation.log_group_name is not None:
            self.logs.export("isolation", self.isolation.log_group_name)
        self.edge: IngressEdge | None = None
        self.sensors: IdsFleet | None = None
        if config.ingress.enabled:
            self._ingress_path(config, plans, child)
        self.register_outputs({})

    def _island_of(self, config: LandingZoneConfig, tier: str) -> VpcIsland:
        return self.islands[next(i.name for i in config.network.islands if any(t.name == tier for t in i.tiers))]

    def _ingress_path(self, config: LandingZoneConfig, plans: dict, child: pulumi.ResourceOptions) -> None:
        """internet -> public ALB (TLS, WAF) -> Snort sensors (plain HTTP, inspected) -> internal ALB -> app."""
        env, keys, ids = config.environment, self.storage.key_arns, config.ids
        edge_island, app_island = self._island_of(config, "inspection"), self._island_of(config, "app")
        sgs = self.tiers.security_group_ids
        if ids.golden_image:
            self.sensor_image = SensorImage(
                logical_name(env, "sensor-image"), subnet_id=edge_island.subnet_ids["inspection"][0],
                security_group_id=sgs["inspection"], kms_key_arn=keys["data"], schedule=ids.image_schedule,
                account=self._common["account"], tagging=self._common["tagging"], opts=child)
        assert self.audit.elb_log_bucket_name is not None  # edge_issues requires storage.elbLogBucket
        self.edge = IngressEdge(
            logical_name(env, "ingress"), config.ingress, public_subnet_ids=edge_island.subnet_ids["public"],
            public_security_group_id=sgs["public"], app_vpc_id=app_island.vpc.id,
            app_subnet_ids=app_island.subnet_ids["app"], app_security_group_id=sgs["app"],
            access_log_bucket_name=self.audit.elb_log_bucket_name, logs_key_arn=keys["logs"],
            tagging=self._common["tagging"], production=self._common["production"], opts=child)
        gwlb = None
        if ids.mode == "gwlb":
            public = plans[next(n for n, i in self.islands.items() if i is edge_island)]
            assert edge_island.internet_gateway_id is not None  # the public tier makes one
            gwlb = GwlbRouting(
                vpc_id=edge_island.vpc.id, internet_gateway_id=edge_island.internet_gateway_id,
                endpoint_subnet_ids=edge_island.endpoint_subnet_ids,
                endpoint_route_table_ids=[edge_island.route_table_ids["reserved"]],
                protected_subnet_cidrs=[s.cidr for s in public.subnets_of("public")],
                protected_route_table_ids=[edge_island.route_table_ids["public"]])
        names = self.logs.names
        self.sensors = IdsFleet(
            logical_name(env, "ids"), ids, vpc_id=edge_island.vpc.id, subnet_ids=edge_island.subnet_ids["inspection"],
            security_group_id=sgs["inspection"], data_key_arn=keys["data"],
            instance_profile_name=self.updates.instance_profile_name, instance_tags=self.updates.instance_tags,
            log_group_names={"snort": names["ids"], "hids": names["hids"], "antivirus": names["antivirus"],
                             "nginx": names["nginx"]},
            alerts_topic_arn=self.monitoring.topic_arn,
            upstream_url=self.edge.upstream_url if ids.mode == "alb-proxy" else None,
            upstream_tls_name=config.ingress.internal_host_name, gwlb_routing=gwlb, opts=child, **self._common)
        if self.edge.waf_log_group_name is not None:
            self.logs.export("waf", self.edge.waf_log_group_name)
        self.edge.forward_to(self.sensors.target_group_arn if ids.mode == "alb-proxy"
                             else self.edge.app_target_group_arn)
