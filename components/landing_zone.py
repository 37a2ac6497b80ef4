"""LandingZone: composes the domains from one validated config and wires their outputs together."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from .access.client_vpn import ClientVpn
from .audit.baseline import AuditBaseline
from .base import AccountContext, logical_name, type_token
from .config import LandingZoneConfig, LandingZoneConfigError
from .environment import Environment
from .firewall.security_tiers import SecurityTiers
from .identity.identity import Identity
from .ids.fleet import GwlbRouting, IdsFleet
from .ids.image import SensorImage
from .ids.ingress import IngressEdge
from .isolation.isolation import AutomatedIsolation
from .logging.log_groups import LogGroups
from .membership import GovernedRegions, MemberAudit, join_organization
from .monitoring.monitoring import Monitoring
from .network.interconnect import IslandInterconnect
from .network.plan import plan_island
from .network.public_access import ExclusionMode, PublicAccessExclusions
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


def resolve_azs(count: int, provider: pulumi.ProviderResource | None = None) -> list[str]:
    """The first `count` available AZ names, as the account of `provider` (default: the stack's) names them.

    AZ names map to physical zones per account, so a member account's must come through its provider.
    """
    zones = aws.get_availability_zones(state="available", opts=pulumi.InvokeOptions(provider=provider))
    names = sorted(zones.names)
    if len(names) < count:
        raise LandingZoneConfigError(
            [f"network.azCount: {count} AZs requested but the region offers only {len(names)}: {names}"])
    return names[:count]


class LandingZone(pulumi.ComponentResource):
    """The whole landing zone of one environment: keys and audit first, then network, then the rest.

    Every domain component gets the one `Environment` (resolved here from the config, unless given)
    and Inputs (ids, ARNs, names) of the others, never a component object. The tag transformation of
    `env` is registered on this component, so every resource below it carries the base tags.
    """

    def __init__(
        self,
        name: str,
        config: LandingZoneConfig,
        *,
        az_names: list[str] | None = None,
        env: Environment | None = None,
        account: AccountContext | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """`env` (or, to resolve it from the config, `account`): one of the two is needed.

        `az_names` default: the first `network.azCount` available AZs of the account the landing zone
        deploys into (in organization mode looked up through the member account's provider).
        """
        if env is None:
            if account is None:
                raise ValueError(f"LandingZone {name}: pass env (an Environment) or account to resolve it from")
            env = Environment.from_config(config, account)
        # A member of an organization (landing-zone:organization): read the org stack first, so a bad
        # reference is an error before anything registers; then everything deploys into its account.
        self.organization = join_organization(config, env)
        if self.organization is not None:
            env = self.organization.environment(env)
        elif az_names is None:  # before anything registers: too few AZs leaves nothing half-built
            az_names = resolve_azs(config.network.az_count)
        super().__init__(type_token("core", "LandingZone"), name, None, env.options(opts))
        self.env = env
        e, prod = config.environment, env.production
        child = pulumi.ResourceOptions(parent=self)
        self.account_provider: aws.Provider | None = None
        if self.organization is not None:
            self.account_provider = self.organization.provider(logical_name(e, "account"), env, self)
            child = pulumi.ResourceOptions(parent=self, providers=[self.account_provider])
        if az_names is None:  # a member account's names, through its provider (known only now)
            az_names = resolve_azs(config.network.az_count, provider=self.account_provider)

        self.storage = StorageBaseline(logical_name(e, "storage"), config.storage, env=env, opts=child)
        keys = self.storage.key_arns
        self.audit: AuditBaseline | MemberAudit
        if self.organization is None:
            self.audit = AuditBaseline(logical_name(e, "audit"), config.audit, env=env, storage=config.storage,
                                       logs_key_arn=keys["logs"], opts=child)
        else:
            self.audit = MemberAudit(logical_name(e, "audit"), config.audit, env=env, storage=config.storage,
                                     logs_key_arn=keys["logs"], link=self.organization, opts=child)
            self.governed_regions = GovernedRegions(
                logical_name(e, "regions"), env=env, link=self.organization,
                recorder_role_arn=self.audit.config.recorder.role_arn, opts=child)

        network = config.network
        self.islands = {
            island.name: VpcIsland(logical_name(e, island.name), island, env=env, network=network, az_names=az_names,
                                   opts=child)
            for island in network.islands
        }
        self.interconnect = IslandInterconnect(
            logical_name(e, "interconnect"), network, env=env,
            vpc_ids={n: i.vpc_id for n, i in self.islands.items()},
            attachment_subnet_ids={n: i.attachment_subnet_ids for n, i in self.islands.items()},
            peer_route_table_ids={n: i.peer_route_table_ids for n, i in self.islands.items()}, opts=child)
        gwlb = ("inspection", config.ids.proxy_port) if config.ids.mode == "gwlb" else None
        self.tiers = SecurityTiers(
            logical_name(e, "sg"), config.firewall, env=env, network=network,
            vpc_ids={n: i.vpc_id for n, i in self.islands.items()},
            endpoint_security_group_ids={n: i.endpoint_security_group_id for n, i in self.islands.items()},
            gateway_prefix_list_ids={n: i.gateway_prefix_list_ids for n, i in self.islands.items()},
            gwlb=gwlb, opts=child)

        self.monitoring = Monitoring(
            logical_name(e, "monitoring"), config.monitoring, env=env, alerts_key_arn=keys["alerts"],
            trail_log_group_name=self.audit.trail_log_group_name,
            flow_log_group_names=[i.flow_log_group_name for i in self.islands.values()], opts=child)
        # The audit domain owns the account's Access Analyzer; a second one would only duplicate findings.
        identity = config.identity.model_copy(update={"access_analyzer": False})
        self.identity = Identity(logical_name(e, "identity"), identity, env=env, opts=child)
        self.updates = PatchManagement(logical_name(e, "updates"), config.updates, env=env, opts=child)
        self.isolation = AutomatedIsolation(
            logical_name(e, "isolation"), config.isolation, env=env, alerts_topic_arn=self.monitoring.topic_arn,
            env_key_arn=keys["data"], logs_key_arn=keys["logs"],
            vpc_ids=[island.vpc_id for island in self.islands.values()], opts=child)
        self.edge: IngressEdge | None = None
        self.sensors: IdsFleet | None = None
        if config.ingress.enabled:
            self._edge(config, child)

        # Every log the landing zone writes also lands in the archive bucket: the log groups of the
        # other domains are inputs here, so LogGroups is complete when it registers its outputs.
        exports: dict[str, pulumi.Input[str]] = {}
        if self.audit.trail_log_group_name is not None:  # a member's trail is the organization's
            exports["trail"] = self.audit.trail_log_group_name
        exports.update({f"flow-{n}": i.flow_log_group_name for n, i in self.islands.items()})
        if self.isolation.log_group_name is not None:
            exports["isolation"] = self.isolation.log_group_name
        if self.edge is not None and self.edge.waf_log_group_name is not None:
            exports["waf"] = self.edge.waf_log_group_name
        # A member's logs go to the organization's archive, encrypted with the organization's logs key.
        central_key = self.organization.logs_key_arn if self.organization is not None else None
        self.logs = LogGroups(logical_name(e, "logs"), config.logging, env=env, logs_key_arn=keys["logs"],
                              log_archive_bucket_arn=self.audit.log_archive_bucket_arn, archive_key_arn=central_key,
                              exports=exports, opts=child)

        self.access: ClientVpn | None = None
        access = config.access
        if access_enabled(access, prod) and access.home_island is not None:
            home = self.islands[access.home_island]
            reached = {a.name: network.island(a.name).cidr for a in access.islands}
            self.access = ClientVpn(
                logical_name(e, "vpn"), access, env=env, vpc_id=home.vpc_id,
                subnet_ids=home.subnet_ids[access.home_tier], island_cidrs=reached, logs_key_arn=keys["logs"],
                log_group_name=self.logs.names["vpn"], opts=child)
        if self.edge is not None:
            self._sensors(config, child)
        # The organization turns VPC Block Public Access on in its members: the public subnets are excluded.
        self.public_access: PublicAccessExclusions | None = None
        if self.organization is not None:
            self.public_access = PublicAccessExclusions(
                logical_name(e, "bpa-exclusions"), env=env, subnets=self._public_subnets(config), opts=child)
        self.register_outputs({})

    def _public_subnets(self, config: LandingZoneConfig) -> dict[str, tuple[ExclusionMode, list[pulumi.Output[str]]]]:
        """Each island's public tiers: both ways where the ingress edge listens, else egress only (NAT)."""
        edge_island = self._island_of(config, "inspection") if self.edge is not None else None
        groups: dict[str, tuple[ExclusionMode, list[pulumi.Output[str]]]] = {}
        for spec in config.network.islands:
            island = self.islands[spec.name]
            for tier in (t.name for t in spec.tiers if t.kind == "public"):
                edge = island is edge_island and tier == "public"
                mode: ExclusionMode = "allow-bidirectional" if edge else "allow-egress"
                groups[logical_name(spec.name, tier)] = (mode, island.subnet_ids[tier])
        return groups

    def _island_of(self, config: LandingZoneConfig, tier: str) -> VpcIsland:
        return self.islands[next(i.name for i in config.network.islands if any(t.name == tier for t in i.tiers))]

    def _edge(self, config: LandingZoneConfig, child: pulumi.ResourceOptions) -> None:
        """internet -> public ALB (TLS, WAF) -> Snort sensors (plain HTTP, inspected) -> internal ALB -> app."""
        e, env, keys, ids = config.environment, self.env, self.storage.key_arns, config.ids
        edge_island, app_island = self._island_of(config, "inspection"), self._island_of(config, "app")
        sgs = self.tiers.security_group_ids
        if ids.golden_image:
            self.sensor_image = SensorImage(
                logical_name(e, "sensor-image"), ids, env=env, subnet_id=edge_island.subnet_ids["inspection"][0],
                security_group_id=sgs["inspection"], kms_key_arn=keys["data"], opts=child)
        assert self.audit.elb_log_bucket_name is not None  # edge_issues requires storage.elbLogBucket
        # The sensors' target group moved from IdsFleet to the edge (the edge's listener forwards to it):
        # the alias keeps the resource that stacks built before the move (tests/components/urns).
        moved = pulumi.Alias(name=logical_name(e, "ids", "targets"),
                             parent=pulumi.create_urn(logical_name(e, "ids"), "lz:ids:IdsFleet", parent=self))
        self.edge = IngressEdge(
            logical_name(e, "ingress"), config.ingress, env=env, public_subnet_ids=edge_island.subnet_ids["public"],
            public_security_group_id=sgs["public"], app_vpc_id=app_island.vpc_id,
            app_subnet_ids=app_island.subnet_ids["app"], app_security_group_id=sgs["app"],
            access_log_bucket_name=self.audit.elb_log_bucket_name, logs_key_arn=keys["logs"],
            sensors=ids, sensor_vpc_id=edge_island.vpc_id, sensor_target_aliases=[moved], opts=child)

    def _sensors(self, config: LandingZoneConfig, child: pulumi.ResourceOptions) -> None:
        e, env, keys, ids = config.environment, self.env, self.storage.key_arns, config.ids
        assert self.edge is not None
        edge_island = self._island_of(config, "inspection")
        gwlb = None
        if ids.mode == "gwlb":
            public = plan_island(config.network.island(next(n for n, i in self.islands.items() if i is edge_island)),
                                 config.network)
            assert edge_island.internet_gateway_id is not None  # the public tier makes one
            gwlb = GwlbRouting(
                vpc_id=edge_island.vpc_id, internet_gateway_id=edge_island.internet_gateway_id,
                endpoint_subnet_ids=edge_island.endpoint_subnet_ids,
                endpoint_route_table_ids=[edge_island.route_table_ids["reserved"]],
                protected_subnet_cidrs=[s.cidr for s in public.subnets_of("public")],
                protected_route_table_ids=[edge_island.route_table_ids["public"]])
        names = self.logs.names
        self.sensors = IdsFleet(
            logical_name(e, "ids"), ids, env=env, vpc_id=edge_island.vpc_id,
            subnet_ids=edge_island.subnet_ids["inspection"],
            security_group_id=self.tiers.security_group_ids["inspection"],
            data_key_arn=keys["data"], instance_profile_name=self.updates.instance_profile_name,
            instance_tags=self.updates.instance_tags,
            log_group_names={"snort": names["ids"], "hids": names["hids"], "antivirus": names["antivirus"],
                             "nginx": names["nginx"]},
            alerts_topic_arn=self.monitoring.topic_arn,
            upstream_url=self.edge.upstream_url if ids.mode == "alb-proxy" else None,
            upstream_tls_name=config.ingress.internal_host_name, gwlb_routing=gwlb,
            target_group_arn=self.edge.sensor_target_group_arn, opts=child)
