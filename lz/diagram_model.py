"""The network a resource graph declares: islands, gateways, the Transit Gateway and its paths, ingress.

Read from what the engine received (``ResourceGraph``), never from a program's config, so any
program that declares VPCs gets a model: ours, an app team's, awsx-expanded ones. References between
resources are followed by the ids and ARNs the inputs carry (what the engine answered for the
referenced resource), and by the registration's property dependencies where a value is unknown.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lz.graph import ResourceGraph, ResourceRecord

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

VPC_TYPES = ("aws:ec2/vpc:Vpc", "aws:ec2/defaultVpc:DefaultVpc")
SUBNET_TYPES = ("aws:ec2/subnet:Subnet", "aws:ec2/defaultSubnet:DefaultSubnet")
ROUTE_TABLE_TYPES = ("aws:ec2/routeTable:RouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable")
IGW_TYPES = ("aws:ec2/internetGateway:InternetGateway",)
NAT_TYPES = ("aws:ec2/natGateway:NatGateway",)
TGW_TYPES = ("aws:ec2transitgateway/transitGateway:TransitGateway",)
TGW_ATTACHMENT_TYPES = ("aws:ec2transitgateway/vpcAttachment:VpcAttachment",
                        "aws:ec2transitgateway/peeringAttachment:PeeringAttachment",
                        "aws:ec2transitgateway/connect:Connect")
TGW_RT_TYPES = ("aws:ec2transitgateway/routeTable:RouteTable",)
PEERING_TYPES = ("aws:ec2/vpcPeeringConnection:VpcPeeringConnection",)
LB_TYPES = ("aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer")
LISTENER_TYPES = ("aws:lb/listener:Listener", "aws:alb/listener:Listener")
LISTENER_RULE_TYPES = ("aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule")
TG_TYPES = ("aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup")
TGA_TYPES = ("aws:lb/targetGroupAttachment:TargetGroupAttachment",
             "aws:alb/targetGroupAttachment:TargetGroupAttachment")
WAF_TYPES = ("aws:wafv2/webAcl:WebAcl",)
VPN_TYPES = ("aws:ec2clientvpn/endpoint:Endpoint",)
SG_TYPES = ("aws:ec2/securityGroup:SecurityGroup",)

#: Route target properties (aws:ec2/route:Route and a RouteTable's inline routes) -> what they reach.
_ROUTE_TARGETS = (("transitGatewayId", "tgw"), ("natGatewayId", "nat"), ("vpcPeeringConnectionId", "peering"),
                  ("vpcEndpointId", "endpoint"), ("networkInterfaceId", "eni"), ("egressOnlyGatewayId", "eigw"),
                  ("localGatewayId", "local-gw"), ("carrierGatewayId", "carrier"), ("coreNetworkArn", "cloudwan"),
                  ("gatewayId", "gateway"))
_AZ_SUFFIX = re.compile(r"[-_.](az\d+|\d+|[a-z]{2}(-gov)?-[a-z]+-\d[a-z]?|[a-f])$", re.IGNORECASE)


@dataclass
class Route:
    destination: str
    kind: str  # igw, nat, tgw, peering, endpoint, eni, local, blackhole, ...
    target: str | None  # the URN of the resource it reaches, when the graph holds it
    target_label: str
    urn: str | None = None  # a Route resource of its own (inline routes have none)


@dataclass
class RouteTable:
    urn: str
    name: str
    vpc: str | None
    routes: list[Route] = field(default_factory=list)
    main: bool = False


@dataclass
class Subnet:
    urn: str
    name: str
    vpc: str
    cidr: str
    az: str
    tier: str
    route_table: str | None = None
    kind: str = "isolated"  # public (default route to an IGW), private (default route elsewhere), isolated


@dataclass
class Island:
    urn: str
    name: str
    label: str
    cidrs: list[str]
    subnets: list[Subnet] = field(default_factory=list)
    route_tables: list[RouteTable] = field(default_factory=list)
    internet_gateways: list[str] = field(default_factory=list)
    nat_gateways: list[tuple[str, str | None]] = field(default_factory=list)  # (URN, subnet URN)

    @property
    def azs(self) -> list[str]:
        return sorted({s.az for s in self.subnets})

    @property
    def tiers(self) -> list[str]:
        """Tiers in address order (the first subnet of each), so public tiers tend to come first."""
        first: dict[str, tuple[int, str]] = {}
        for s in self.subnets:
            key = (_address_rank(s.cidr), s.name)
            if s.tier not in first or key < first[s.tier]:
                first[s.tier] = key
        return sorted(first, key=lambda t: (first[t], t))


@dataclass
class TgwRouteTable:
    key: str  # URN, or "<tgw URN>#default" for the default route table the TGW creates itself
    name: str
    urn: str | None
    associations: list[str] = field(default_factory=list)  # attachment URNs
    propagations: list[str] = field(default_factory=list)  # attachment URNs
    static: list[Route] = field(default_factory=list)  # target: attachment URN (kind "attachment"/"blackhole")


@dataclass
class Attachment:
    urn: str
    name: str
    kind: str  # vpc, peering, connect
    vpc: str | None
    subnets: list[str] = field(default_factory=list)


@dataclass
class TransitGateway:
    urn: str
    name: str
    attachments: list[Attachment] = field(default_factory=list)
    route_tables: list[TgwRouteTable] = field(default_factory=list)


@dataclass
class PeerPath:
    """Two islands that can reach each other (one way or both) through a TGW or a peering connection."""

    a: str
    b: str
    via: str  # URN of the TGW or the peering connection
    kind: str  # tgw, peering
    directions: set[tuple[str, str]] = field(default_factory=set)
    #: (from island, to island) -> the route tables of the source island that send it there.
    sources: dict[tuple[str, str], list[str]] = field(default_factory=dict)


@dataclass
class IngressNode:
    key: str
    kind: str  # internet, waf, lb, tg, tier
    label: str
    detail: list[str]
    urns: list[str]  # the graph resources the node stands for (first: its own)


@dataclass
class IngressEdge:
    source: str
    target: str
    label: str


@dataclass
class ClientVpn:
    urn: str
    name: str
    client_cidr: str
    subnets: list[str]  # associated subnet URNs
    authorized: list[str]  # target network CIDRs
    islands: list[str]  # islands its associations or authorizations reach


@dataclass
class NetworkModel:
    islands: list[Island]
    transit_gateways: list[TransitGateway]
    peerings: list[tuple[str, str, str, str]]  # (URN, name, requester island, accepter island)
    paths: list[PeerPath]
    ingress_nodes: list[IngressNode]
    ingress_edges: list[IngressEdge]
    vpns: list[ClientVpn]

    @property
    def drawn_urns(self) -> set[str]:
        urns: set[str] = set()
        for island in self.islands:
            urns.add(island.urn)
            urns.update(s.urn for s in island.subnets)
            urns.update(rt.urn for rt in island.route_tables)
            urns.update(island.internet_gateways)
            urns.update(n for n, _ in island.nat_gateways)
        for tgw in self.transit_gateways:
            urns.add(tgw.urn)
            urns.update(a.urn for a in tgw.attachments)
            urns.update(rt.urn for rt in tgw.route_tables if rt.urn)
        urns.update(p[0] for p in self.peerings)
        for node in self.ingress_nodes:
            urns.update(node.urns)
        urns.update(v.urn for v in self.vpns)
        return urns


def _address_rank(cidr: str) -> int:
    net = _network(cidr)
    return int(net.network_address) if net else 0


def _network(cidr: Any) -> Network | None:
    if not isinstance(cidr, str):
        return None
    try:
        return ipaddress.ip_network(cidr, strict=False)
    except ValueError:
        return None


def _covers(route: str, cidr: str) -> bool:
    outer, inner = _network(route), _network(cidr)
    return bool(outer and inner and outer.version == inner.version and inner.subnet_of(outer))  # type: ignore[arg-type]


def _prefix(cidr: str) -> int:
    net = _network(cidr)
    return net.prefixlen if net else -1


class References:
    """Resolves the ids and ARNs in a resource's inputs back to the resources of the graph."""

    def __init__(self, graph: ResourceGraph) -> None:
        self.records = sorted(graph.resources, key=lambda r: r.urn)
        self.by_urn = {r.urn: r for r in self.records}
        self.by_value: dict[str, str] = {}
        for record in self.records:
            for value in (record.id, record.outputs.get("arn"), record.outputs.get("id")):
                if isinstance(value, str) and value and value not in self.by_value:
                    self.by_value[value] = record.urn
        self._referrers: dict[str, set[str]] | None = None

    def referrers(self, urn: str) -> list[str]:
        """The resources whose inputs name ``urn`` (by id or ARN) or depend on it, in URN order."""
        if self._referrers is None:
            self._referrers = {}
            for record in self.records:
                for ref in walk_references(self, record, parents=False):
                    self._referrers.setdefault(ref, set()).add(record.urn)
        return sorted(self._referrers.get(urn, ()))

    def of_type(self, types: tuple[str, ...]) -> list[ResourceRecord]:
        return [r for r in self.records if r.type in types]

    def one(self, record: ResourceRecord, prop: str, types: tuple[str, ...]) -> str | None:
        found = self.many(record, prop, types, _value=record.inputs.get(prop))
        return found[0] if found else None

    def many(self, record: ResourceRecord, prop: str, types: tuple[str, ...], *, _value: Any = None) -> list[str]:
        value = record.inputs.get(prop) if _value is None else _value
        return self.values(record, value, types, prop)

    def values(self, record: ResourceRecord, value: Any, types: tuple[str, ...], prop: str | None = None) -> list[str]:
        """The URNs ``value`` (a string or a list of them) names, of ``types``; unknowns by the dependencies."""
        items = value if isinstance(value, list) else [value]
        found: list[str] = []
        unresolved = False
        for item in items:
            urn = self.by_value.get(item) if isinstance(item, str) else None
            if urn is not None and self.by_urn[urn].type in types:
                found.append(urn)
            elif isinstance(item, str):
                unresolved = True
        if unresolved and prop is not None:
            for urn in record.property_dependencies.get(prop, ()):
                dep = self.by_urn.get(urn)
                if dep is not None and dep.type in types and urn not in found:
                    found.append(urn)
        return found


def _label(record: ResourceRecord) -> str:
    tags = record.inputs.get("tags")
    name = tags.get("Name") if isinstance(tags, dict) else None
    return name if isinstance(name, str) and name else record.name


def _tier_name(record: ResourceRecord, vpc_name: str, az: str) -> str | None:
    tags = record.inputs.get("tags")
    if isinstance(tags, dict):
        for key in sorted(tags):
            if key.lower() in ("tier", "lz:tier") and isinstance(tags[key], str) and tags[key]:
                return str(tags[key])
    name = record.name
    if az and name.endswith(az):
        name = name[: -len(az)].rstrip("-_.")
    name = _AZ_SUFFIX.sub("", name)
    for prefix in (vpc_name, vpc_name.rsplit("-", 1)[0]):
        if prefix and name.startswith(prefix + "-"):
            name = name[len(prefix) + 1:]
            break
    return name or None


def _strip_common_prefix(names: dict[str, str]) -> dict[str, str]:
    values = sorted(set(names.values()))
    if len(values) < 2:
        return names
    first, last = values[0].split("-"), values[-1].split("-")
    common = 0
    while common < min(len(first), len(last)) - 1 and first[common] == last[common]:
        common += 1
    if common == 0:
        return names
    return {urn: "-".join(n.split("-")[common:]) for urn, n in names.items()}


def _routes(refs: References, table: ResourceRecord, route_records: list[ResourceRecord],
            endpoints: list[ResourceRecord]) -> list[Route]:
    routes: list[Route] = []
    inline = table.inputs.get("routes")
    for entry in inline if isinstance(inline, list) else []:
        if isinstance(entry, dict):
            routes.append(_route(refs, table, entry, entry.get("cidrBlock") or entry.get("ipv6CidrBlock")
                                 or entry.get("destinationPrefixListId"), None))
    for record in route_records:
        dest = (record.inputs.get("destinationCidrBlock") or record.inputs.get("destinationIpv6CidrBlock")
                or record.inputs.get("destinationPrefixListId"))
        routes.append(_route(refs, record, record.inputs, dest, record.urn))
    for endpoint in endpoints:
        service = str(endpoint.inputs.get("serviceName") or endpoint.name).rsplit(".", 1)[-1]
        routes.append(Route(f"pl:{service}", "endpoint", endpoint.urn, f"vpce {service}", None))
    return sorted(routes, key=lambda r: (-_prefix(r.destination), r.destination, r.target_label))


def _route(refs: References, record: ResourceRecord, entry: dict[str, Any], dest: Any, urn: str | None) -> Route:
    destination = str(dest) if dest else "?"
    for prop, kind in _ROUTE_TARGETS:
        value = entry.get(prop)
        if not value:
            continue
        target = refs.values(record, value, tuple({r.type for r in refs.records}), prop if urn else None)
        target_urn = target[0] if target else None
        if kind == "gateway":
            if value == "local":
                return Route(destination, "local", None, "local", urn)
            target_type = refs.by_urn[target_urn].type if target_urn else ""
            kind = "igw" if "internetGateway" in target_type or str(value).startswith("igw-") else "vgw"
        label = refs.by_urn[target_urn].name if target_urn else str(value)
        return Route(destination, kind, target_urn, f"{kind} {label}", urn)
    return Route(destination, "other", None, "?", urn)


def _islands(refs: References) -> list[Island]:
    vpcs = refs.of_type(VPC_TYPES)
    islands = {v.urn: Island(v.urn, v.name, _label(v), [c for c in [v.inputs.get("cidrBlock") or
                                                                       v.outputs.get("cidrBlock")] if c])
               for v in vpcs}
    default_vpc = [v.urn for v in vpcs if v.type == "aws:ec2/defaultVpc:DefaultVpc"]
    for assoc in refs.of_type(("aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation",)):
        vpc = refs.one(assoc, "vpcId", VPC_TYPES)
        if vpc and isinstance(assoc.inputs.get("cidrBlock"), str):
            islands[vpc].cidrs.append(assoc.inputs["cidrBlock"])
    # Route tables, with their routes and the VPC's main table.
    route_records: dict[str, list[ResourceRecord]] = {}
    for route in refs.of_type(("aws:ec2/route:Route",)):
        table_urn = refs.one(route, "routeTableId", ROUTE_TABLE_TYPES)
        if table_urn:
            route_records.setdefault(table_urn, []).append(route)
    endpoints: dict[str, list[ResourceRecord]] = {}
    for endpoint in refs.of_type(("aws:ec2/vpcEndpoint:VpcEndpoint",)):
        for table_urn in refs.many(endpoint, "routeTableIds", ROUTE_TABLE_TYPES):
            endpoints.setdefault(table_urn, []).append(endpoint)
    tables: dict[str, RouteTable] = {}
    for rt in refs.of_type(ROUTE_TABLE_TYPES):
        if rt.type == "aws:ec2/defaultRouteTable:DefaultRouteTable":
            vpc = _vpc_of_default_table(refs, rt)
        else:
            vpc = refs.one(rt, "vpcId", VPC_TYPES)
        table = RouteTable(rt.urn, rt.name, vpc, _routes(refs, rt, route_records.get(rt.urn, []),
                                                          endpoints.get(rt.urn, [])),
                           main=rt.type == "aws:ec2/defaultRouteTable:DefaultRouteTable")
        tables[rt.urn] = table
        if vpc in islands:
            islands[vpc].route_tables.append(table)
    for main in refs.of_type(("aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",)):
        rt_urn = refs.one(main, "routeTableId", ROUTE_TABLE_TYPES)
        if rt_urn in tables:
            tables[rt_urn].main = True
    associations: dict[str, str] = {}
    for assoc in refs.of_type(("aws:ec2/routeTableAssociation:RouteTableAssociation",)):
        subnet_urn = refs.one(assoc, "subnetId", SUBNET_TYPES)
        rt_urn = refs.one(assoc, "routeTableId", ROUTE_TABLE_TYPES)
        if subnet_urn and rt_urn:
            associations[subnet_urn] = rt_urn
    # Subnets, grouped into tiers.
    raw_tiers: dict[str, str] = {}
    for record in refs.of_type(SUBNET_TYPES):
        vpc = refs.one(record, "vpcId", VPC_TYPES) or (default_vpc[0] if len(default_vpc) == 1 and
                                                        record.type.endswith("DefaultSubnet") else None)
        if vpc not in islands:
            continue
        island = islands[vpc]
        az = str(record.inputs.get("availabilityZone") or record.outputs.get("availabilityZone")
                 or record.inputs.get("availabilityZoneId") or "?")
        cidr = str(record.inputs.get("cidrBlock") or record.outputs.get("cidrBlock") or "?")
        subnet = Subnet(record.urn, record.name, vpc, cidr, az, "", associations.get(record.urn))
        if subnet.route_table is None:
            mains = [t.urn for t in island.route_tables if t.main]
            subnet.route_table = mains[0] if mains else None
        island.subnets.append(subnet)
        raw_tiers[record.urn] = _tier_name(record, island.name, az) or ""
    for island in islands.values():
        names = _strip_common_prefix({s.urn: raw_tiers[s.urn] for s in island.subnets if raw_tiers[s.urn]})
        for s in island.subnets:
            s.kind = _subnet_kind(tables.get(s.route_table or ""))
            s.tier = names.get(s.urn) or s.kind
        island.subnets.sort(key=lambda s: (s.az, _address_rank(s.cidr), s.name))
        island.route_tables.sort(key=lambda t: t.name)
    for igw in refs.of_type(IGW_TYPES):
        vpc = refs.one(igw, "vpcId", VPC_TYPES)
        for attach in refs.of_type(("aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",)):
            if refs.one(attach, "internetGatewayId", IGW_TYPES) == igw.urn:
                vpc = vpc or refs.one(attach, "vpcId", VPC_TYPES)
        if vpc in islands:
            islands[vpc].internet_gateways.append(igw.urn)
    subnet_vpc = {s.urn: s.vpc for i in islands.values() for s in i.subnets}
    for nat in refs.of_type(NAT_TYPES):
        nat_subnet = refs.one(nat, "subnetId", SUBNET_TYPES)
        if nat_subnet in subnet_vpc:
            islands[subnet_vpc[nat_subnet]].nat_gateways.append((nat.urn, nat_subnet))
    return sorted(islands.values(), key=lambda i: (_address_rank(i.cidrs[0]) if i.cidrs else 0, i.name))


def _vpc_of_default_table(refs: References, rt: ResourceRecord) -> str | None:
    value = rt.inputs.get("defaultRouteTableId")
    for vpc in refs.of_type(VPC_TYPES):
        if value and vpc.outputs.get("defaultRouteTableId") == value:
            return vpc.urn
    found = refs.values(rt, value, VPC_TYPES, "defaultRouteTableId")
    return found[0] if found else None


def _subnet_kind(table: RouteTable | None) -> str:
    if table is None:
        return "isolated"
    defaults = [r for r in table.routes if r.destination in ("0.0.0.0/0", "::/0")]
    if any(r.kind == "igw" for r in defaults):
        return "public"
    return "private" if defaults else "isolated"


def _transit_gateways(refs: References, islands: dict[str, Island]) -> list[TransitGateway]:
    result = []
    for tgw_record in refs.of_type(TGW_TYPES):
        tgw = TransitGateway(tgw_record.urn, _label(tgw_record))
        default_assoc = tgw_record.inputs.get("defaultRouteTableAssociation", "enable") != "disable"
        default_prop = tgw_record.inputs.get("defaultRouteTablePropagation", "enable") != "disable"
        default = TgwRouteTable(f"{tgw.urn}#default", "default route table", None)
        tables: dict[str, TgwRouteTable] = {}
        for rt in refs.of_type(TGW_RT_TYPES):
            if refs.one(rt, "transitGatewayId", TGW_TYPES) == tgw.urn:
                tables[rt.urn] = TgwRouteTable(rt.urn, _label(rt), rt.urn)
        for record in refs.of_type(TGW_ATTACHMENT_TYPES):
            if refs.one(record, "transitGatewayId", TGW_TYPES) != tgw.urn:
                continue
            kind = record.type.split(":")[-1].replace("Attachment", "").lower() or "vpc"
            vpc = refs.one(record, "vpcId", VPC_TYPES)
            tgw.attachments.append(Attachment(record.urn, _label(record), kind, vpc if vpc in islands else None,
                                              refs.many(record, "subnetIds", SUBNET_TYPES)))
            if kind == "vpc":
                if default_assoc and record.inputs.get("transitGatewayDefaultRouteTableAssociation", True) is not False:
                    default.associations.append(record.urn)
                if default_prop and record.inputs.get("transitGatewayDefaultRouteTablePropagation", True) is not False:
                    default.propagations.append(record.urn)
        attachment_types = TGW_ATTACHMENT_TYPES
        for assoc in refs.of_type(("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",)):
            rt_urn = refs.one(assoc, "transitGatewayRouteTableId", TGW_RT_TYPES)
            att = refs.one(assoc, "transitGatewayAttachmentId", attachment_types)
            if rt_urn in tables and att:
                tables[rt_urn].associations.append(att)
        for prop in refs.of_type(("aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",)):
            rt_urn = refs.one(prop, "transitGatewayRouteTableId", TGW_RT_TYPES)
            att = refs.one(prop, "transitGatewayAttachmentId", attachment_types)
            if rt_urn in tables and att:
                tables[rt_urn].propagations.append(att)
        default_id = tgw_record.outputs.get("associationDefaultRouteTableId")
        for route in refs.of_type(("aws:ec2transitgateway/route:Route",)):
            rt_value = route.inputs.get("transitGatewayRouteTableId")
            rt_urn = refs.one(route, "transitGatewayRouteTableId", TGW_RT_TYPES)
            table = tables.get(rt_urn or "") or (default if default_id and rt_value == default_id else None)
            if table is None:
                continue
            att = refs.one(route, "transitGatewayAttachmentId", attachment_types)
            dest = str(route.inputs.get("destinationCidrBlock") or "?")
            if route.inputs.get("blackhole") is True:
                table.static.append(Route(dest, "blackhole", None, "blackhole", route.urn))
            else:
                label = refs.by_urn[att].name if att else "?"
                table.static.append(Route(dest, "attachment", att, label, route.urn))
        tgw.route_tables = sorted(tables.values(), key=lambda t: t.name)
        if default.associations or default.propagations or default.static:
            tgw.route_tables.append(default)
        for table in tgw.route_tables:
            table.associations.sort()
            table.propagations.sort()
            table.static.sort(key=lambda r: (r.destination, r.target_label))
        tgw.attachments.sort(key=lambda a: a.name)
        result.append(tgw)
    return sorted(result, key=lambda t: t.name)


def _best(routes: Iterable[Route], cidr: str) -> Route | None:
    matching = [r for r in routes if _covers(r.destination, cidr)]
    return max(matching, key=lambda r: _prefix(r.destination)) if matching else None


def _tables_in_use(island: Island) -> list[RouteTable]:
    used = {s.route_table for s in island.subnets}
    return [t for t in island.route_tables if t.urn in used or t.main]


def _tgw_paths(tgw: TransitGateway, islands: dict[str, Island]) -> list[PeerPath]:
    """Island A reaches B when a route table A uses sends B's CIDR to this TGW, and the TGW route table
    A's attachment is associated with sends it (longest prefix, propagated or static) to B's attachment."""
    by_attachment = {a.urn: a for a in tgw.attachments}
    tgw_routes: dict[str, list[Route]] = {}
    for table in tgw.route_tables:
        routes = list(table.static)
        for att in table.propagations:
            vpc = by_attachment[att].vpc if att in by_attachment else None
            for cidr in islands[vpc].cidrs if vpc else []:
                routes.append(Route(cidr, "propagated", att, "propagated", None))
        for att in table.associations:
            tgw_routes.setdefault(att, []).extend(routes)
    paths: dict[tuple[str, str], PeerPath] = {}
    for src in tgw.attachments:
        if src.vpc is None:
            continue
        for dst_island in islands.values():
            if dst_island.urn == src.vpc:
                continue
            for cidr in dst_island.cidrs:
                sources = [t.name for t in _tables_in_use(islands[src.vpc])
                           if (best := _best(t.routes, cidr)) and best.kind == "tgw" and best.target == tgw.urn]
                hop = _best(tgw_routes.get(src.urn, []), cidr)
                dst_att = by_attachment.get(hop.target or "") if hop and hop.kind != "blackhole" else None
                if not sources or dst_att is None or dst_att.vpc != dst_island.urn:
                    continue
                a, b = sorted((src.vpc, dst_island.urn))
                path = paths.setdefault((a, b), PeerPath(a, b, tgw.urn, "tgw"))
                path.directions.add((src.vpc, dst_island.urn))
                path.sources[(src.vpc, dst_island.urn)] = sorted(sources)
                break
    return [paths[k] for k in sorted(paths)]


def _peerings(refs: References, islands: dict[str, Island]) -> tuple[list[tuple[str, str, str, str]], list[PeerPath]]:
    peerings, paths = [], []
    for record in refs.of_type(PEERING_TYPES):
        requester, accepter = refs.one(record, "vpcId", VPC_TYPES), refs.one(record, "peerVpcId", VPC_TYPES)
        if requester not in islands or accepter not in islands:
            continue
        peerings.append((record.urn, _label(record), requester, accepter))
        a, b = sorted((requester, accepter))
        path = PeerPath(a, b, record.urn, "peering")
        for src, dst in ((requester, accepter), (accepter, requester)):
            sources = [t.name for t in _tables_in_use(islands[src]) for cidr in islands[dst].cidrs
                       if (best := _best(t.routes, cidr)) and best.kind == "peering" and best.target == record.urn]
            if sources:
                path.directions.add((src, dst))
                path.sources[(src, dst)] = sorted(set(sources))
        if path.directions:
            paths.append(path)
    return peerings, paths


def walk_references(refs: References, record: ResourceRecord, *, parents: bool = True) -> Iterator[str]:
    """The URNs ``record``'s inputs name (ids and ARNs), then its property dependencies, then its parents."""
    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, dict):
            for key in sorted(value):
                yield from strings(value[key])
    for key in sorted(record.inputs):
        for value in strings(record.inputs[key]):
            if value in refs.by_value and refs.by_value[value] != record.urn:
                yield refs.by_value[value]
    for key in sorted(record.property_dependencies):
        yield from record.property_dependencies[key]
    parent = record.parent if parents else None
    while parent:
        yield parent
        parent_record = refs.by_urn.get(parent)
        parent = parent_record.parent if parent_record else None
