"""The ingress half of the network model: internet -> WAF -> load balancers -> target groups -> tiers, and VPNs.

Every hop is a reference the graph holds (a WAF association, a listener's forward action, a target
group's members), except one: which tier may call an internal load balancer. No resource says it;
the load balancer's security groups do, so that hop is drawn where an ingress rule admits the
members' security group or subnet.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from lz.diagram_model import (
    LB_TYPES,
    LISTENER_RULE_TYPES,
    LISTENER_TYPES,
    SG_TYPES,
    SUBNET_TYPES,
    TG_TYPES,
    TGA_TYPES,
    VPN_TYPES,
    WAF_TYPES,
    ClientVpn,
    IngressEdge,
    IngressNode,
    Island,
    References,
    Subnet,
)
from lz.graph import ResourceRecord

_LB_KIND = {"application": "ALB", "network": "NLB", "gateway": "GWLB"}


@dataclass
class _Member:
    urn: str
    label: str
    subnets: list[str]
    security_groups: list[str]
    targets_lb: str | None = None


@dataclass
class _Rule:
    security_group: str
    sources: set[str] = field(default_factory=set)  # security group URNs
    cidrs: list[str] = field(default_factory=list)
    ports: str = ""


def _ports(entry: dict[str, Any]) -> str:
    low, high = entry.get("fromPort"), entry.get("toPort")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)):
        return f"{int(low)}" if low == high else f"{int(low)}-{int(high)}"
    return "all"


def _endpoint(record: ResourceRecord) -> str:
    port = record.inputs.get("port")
    return f"{record.inputs.get('protocol') or ''}:{_ports({'fromPort': port, 'toPort': port})}"


def _ingress_rules(refs: References) -> list[_Rule]:
    rules = []
    for r in refs.of_type(("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",)):
        sg = refs.one(r, "securityGroupId", SG_TYPES)
        if sg:
            rules.append(_Rule(sg, set(refs.many(r, "referencedSecurityGroupId", SG_TYPES)),
                               [c for c in [r.inputs.get("cidrIpv4")] if isinstance(c, str)], _ports(r.inputs)))
    for r in refs.of_type(("aws:ec2/securityGroupRule:SecurityGroupRule",)):
        sg = refs.one(r, "securityGroupId", SG_TYPES)
        if sg and r.inputs.get("type") == "ingress":
            cidrs = r.inputs.get("cidrBlocks")
            rules.append(_Rule(sg, set(refs.many(r, "sourceSecurityGroupId", SG_TYPES)),
                               [c for c in cidrs if isinstance(c, str)] if isinstance(cidrs, list) else [],
                               _ports(r.inputs)))
    for group in refs.of_type(SG_TYPES):
        inline = group.inputs.get("ingress")
        for entry in inline if isinstance(inline, list) else []:
            if isinstance(entry, dict):
                cidrs = entry.get("cidrBlocks")
                rules.append(_Rule(group.urn, set(refs.values(group, entry.get("securityGroups") or [], SG_TYPES)),
                                   [c for c in cidrs if isinstance(c, str)] if isinstance(cidrs, list) else [],
                                   _ports(entry)))
    return rules


def _template_groups(refs: References, asg: ResourceRecord) -> list[str]:
    template = asg.inputs.get("launchTemplate")
    ids = [template.get("id"), template.get("name")] if isinstance(template, dict) else []
    groups: list[str] = []
    for record in refs.of_type(("aws:ec2/launchTemplate:LaunchTemplate",)):
        if record.id in ids or record.outputs.get("name") in ids or record.urn in asg.property_dependencies.get(
                "launchTemplate", ()):
            groups += refs.many(record, "vpcSecurityGroupIds", SG_TYPES)
            interfaces = record.inputs.get("networkInterfaces")
            for nic in interfaces if isinstance(interfaces, list) else []:
                if isinstance(nic, dict):
                    groups += refs.values(record, nic.get("securityGroups") or [], SG_TYPES)
    return sorted(set(groups))


def _members(refs: References) -> dict[str, list[_Member]]:
    """Target group URN -> what it sends traffic to, as far as the program declares it."""
    members: dict[str, list[_Member]] = {}
    asgs = refs.of_type(("aws:autoscaling/group:Group",))
    for asg in asgs:
        member = _Member(asg.urn, f"auto scaling group {asg.inputs.get('name') or asg.name}",
                         refs.many(asg, "vpcZoneIdentifiers", SUBNET_TYPES), _template_groups(refs, asg))
        for group_urn in refs.many(asg, "targetGroupArns", TG_TYPES):
            members.setdefault(group_urn, []).append(member)
    for attach in refs.of_type(("aws:autoscaling/attachment:Attachment",)):
        attached = refs.one(attach, "lbTargetGroupArn", TG_TYPES)
        name = attach.inputs.get("autoscalingGroupName")
        for asg in asgs:
            if attached and (asg.inputs.get("name") == name or asg.id == name):
                members.setdefault(attached, []).append(_Member(
                    asg.urn, f"auto scaling group {name}", refs.many(asg, "vpcZoneIdentifiers", SUBNET_TYPES),
                    _template_groups(refs, asg)))
    for attach in refs.of_type(TGA_TYPES):
        target = refs.one(attach, "targetId", tuple({r.type for r in refs.records}))
        group_urn = refs.one(attach, "targetGroupArn", TG_TYPES) or ""
        if not group_urn:
            continue
        record = refs.by_urn.get(target or "")
        if record is not None and record.type in LB_TYPES:
            members.setdefault(group_urn, []).append(_Member(attach.urn, record.name, [], [], targets_lb=record.urn))
        elif record is not None:
            members.setdefault(group_urn, []).append(_Member(
                record.urn, f"{record.type.split(':')[-1]} {record.name}",
                refs.many(record, "subnetId", SUBNET_TYPES), refs.many(record, "vpcSecurityGroupIds", SG_TYPES)))
        else:
            label = f"target {attach.inputs.get('targetId')}"
            members.setdefault(group_urn, []).append(_Member(attach.urn, label, [], []))
    for service in refs.of_type(("aws:ecs/service:Service",)):
        network = service.inputs.get("networkConfiguration")
        network = network if isinstance(network, dict) else {}
        lbs = service.inputs.get("loadBalancers")
        for entry in lbs if isinstance(lbs, list) else []:
            served = refs.values(service, entry.get("targetGroupArn"), TG_TYPES) if isinstance(entry, dict) else []
            if served:
                members.setdefault(served[0], []).append(_Member(
                    service.urn, f"ECS service {service.name}", refs.values(service, network.get("subnets") or [],
                                                                            SUBNET_TYPES),
                    refs.values(service, network.get("securityGroups") or [], SG_TYPES)))
    return members


def _forwards(refs: References, record: ResourceRecord, key: str) -> list[str]:
    actions = record.inputs.get(key)
    found: list[str] = []
    for action in actions if isinstance(actions, list) else []:
        if not isinstance(action, dict):
            continue
        found += refs.values(record, action.get("targetGroupArn"), TG_TYPES)
        forward = action.get("forward")
        groups = forward.get("targetGroups") if isinstance(forward, dict) else None
        for group in groups if isinstance(groups, list) else []:
            if isinstance(group, dict):
                found += refs.values(record, group.get("arn"), TG_TYPES)
    return found


def _where(subnets: list[str], by_subnet: dict[str, tuple[Island, Subnet]]) -> list[tuple[Island, str]]:
    seen: dict[tuple[str, str], tuple[Island, str]] = {}
    for urn in subnets:
        if urn in by_subnet:
            island, subnet = by_subnet[urn]
            seen.setdefault((island.name, subnet.tier), (island, subnet.tier))
    return [seen[k] for k in sorted(seen)]


def ingress(refs: References, islands: list[Island]) -> tuple[list[IngressNode], list[IngressEdge]]:
    by_subnet = {s.urn: (i, s) for i in islands for s in i.subnets}
    nodes: dict[str, IngressNode] = {}
    edges: dict[tuple[str, str], str] = {}
    lbs = refs.of_type(LB_TYPES)
    lb_subnets: dict[str, list[str]] = {}
    for lb in lbs:
        mappings = lb.inputs.get("subnetMappings")
        subnets = refs.many(lb, "subnets", SUBNET_TYPES) + [
            s for m in (mappings if isinstance(mappings, list) else []) if isinstance(m, dict)
            for s in refs.values(lb, m.get("subnetId"), SUBNET_TYPES)]
        lb_subnets[lb.urn] = subnets
        internal = lb.inputs.get("internal") is True
        kind = _LB_KIND.get(str(lb.inputs.get("loadBalancerType") or "application"), "LB")
        where = ", ".join(f"{t} ({i.label})" for i, t in _where(subnets, by_subnet)) or "subnets not in the graph"
        nodes[lb.urn] = IngressNode(lb.urn, "lb", f"{'internal' if internal else 'public'} {kind} "
                                    f"{lb.inputs.get('name') or lb.name}", [f"in {where}"], [lb.urn])
        if not internal:
            nodes.setdefault("internet", IngressNode("internet", "internet", "Internet", ["0.0.0.0/0"], []))
    protected: set[str] = set()
    for assoc in refs.of_type(("aws:wafv2/webAclAssociation:WebAclAssociation",)):
        waf, lb_urn = refs.one(assoc, "webAclArn", WAF_TYPES), refs.one(assoc, "resourceArn", LB_TYPES)
        if not waf or not lb_urn:
            continue
        record = refs.by_urn[waf]
        node = nodes.setdefault(waf, IngressNode(waf, "waf", f"WAF {record.inputs.get('name') or record.name}",
                                                 [str(record.inputs.get("scope") or "").lower() or "web ACL"], [waf]))
        node.urns.append(assoc.urn)
        edges[(waf, lb_urn)] = "inspects"
        if "internet" in nodes and nodes[lb_urn].label.startswith("public"):
            edges[("internet", waf)] = "requests"
            protected.add(lb_urn)
    for lb in lbs:
        if "internet" in nodes and nodes[lb.urn].label.startswith("public") and lb.urn not in protected:
            edges[("internet", lb.urn)] = "requests (no WAF)"
    listeners = {r.urn: r for r in refs.of_type(LISTENER_TYPES)}
    listener_lb = {urn: refs.one(r, "loadBalancerArn", LB_TYPES) for urn, r in listeners.items()}
    for urn, listener in listeners.items():
        lb_urn = listener_lb[urn]
        if not lb_urn:
            continue
        nodes[lb_urn].urns.append(urn)
        port = _endpoint(listener)
        for forwarded in _forwards(refs, listener, "defaultActions"):
            edges.setdefault((lb_urn, forwarded), port)
        actions = listener.inputs.get("defaultActions")
        if isinstance(actions, list) and any(isinstance(a, dict) and a.get("type") == "redirect" for a in actions):
            nodes[lb_urn].detail.append(f"{port} redirects")
    for rule in refs.of_type(LISTENER_RULE_TYPES):
        listener_urn = refs.one(rule, "listenerArn", LISTENER_TYPES)
        lb_urn = listener_lb.get(listener_urn or "")
        if lb_urn:
            nodes[lb_urn].urns.append(rule.urn)
            for forwarded in _forwards(refs, rule, "actions"):
                edges.setdefault((lb_urn, forwarded), "rule")
    members = _members(refs)
    for group in refs.of_type(TG_TYPES):
        nodes[group.urn] = IngressNode(group.urn, "tg", f"target group {group.inputs.get('name') or group.name}",
                                       [f"{_endpoint(group)} ({group.inputs.get('targetType') or 'instance'} targets)"],
                                       [group.urn])
    tier_members: dict[str, list[_Member]] = {}
    for tg_urn in sorted(members):
        for member in sorted(members[tg_urn], key=lambda m: m.urn):
            if member.targets_lb:
                edges[(tg_urn, member.targets_lb)] = "targets"
                nodes[tg_urn].urns.append(member.urn)
                continue
            places = _where(member.subnets, by_subnet)
            keys = [f"tier:{i.urn}:{t}" for i, t in places] or [f"members:{member.urn}"]
            for (island, tier), key in zip(places, keys, strict=False):
                nodes.setdefault(key, IngressNode(key, "tier", f"{tier} tier ({island.label})", [], []))
            if not places:
                nodes.setdefault(keys[0], IngressNode(keys[0], "tier", member.label, ["subnets not in the graph"], []))
            for key in keys:
                if member.urn not in nodes[key].urns:
                    nodes[key].urns.append(member.urn)
                    if places:
                        nodes[key].detail.append(member.label)
                tier_members.setdefault(key, []).append(member)
                edges[(tg_urn, key)] = "targets"
    # A target group the program registers nothing in (ip targets added at deploy time): the tier its
    # load balancer sits in, as the place the targets are expected.
    for group in refs.of_type(TG_TYPES):
        if group.urn in members:
            continue
        for (lb_urn, target), _label in sorted(edges.items()):
            if target != group.urn or lb_urn not in lb_subnets:
                continue
            for island, tier in _where(lb_subnets[lb_urn], by_subnet):
                key = f"tier:{island.urn}:{tier}"
                node = nodes.setdefault(key, IngressNode(key, "tier", f"{tier} tier ({island.label})", [], []))
                note = "targets registered outside the program (the load balancer's tier)"
                if note not in node.detail:
                    node.detail.append(note)
                edges[(group.urn, key)] = "targets"
    _security_group_hops(refs, nodes, edges, tier_members, by_subnet)
    ordered_edges = [IngressEdge(s, t, label) for (s, t), label in sorted(edges.items())]
    for node in nodes.values():
        node.urns = [node.urns[0], *sorted(set(node.urns[1:]) - {node.urns[0]})] if node.urns else []
    return [nodes[k] for k in sorted(nodes)], ordered_edges


def _security_group_hops(refs: References, nodes: dict[str, IngressNode], edges: dict[tuple[str, str], str],
                         tier_members: dict[str, list[_Member]], by_subnet: dict[str, tuple[Island, Subnet]]) -> None:
    rules = _ingress_rules(refs)
    for lb in refs.of_type(LB_TYPES):
        if lb.inputs.get("internal") is not True:
            continue
        groups = set(refs.many(lb, "securityGroups", SG_TYPES))
        for key, group in sorted(tier_members.items()):
            ports = set()
            for rule in rules:
                if rule.security_group not in groups:
                    continue
                for member in group:
                    by_group = rule.sources & set(member.security_groups)
                    by_cidr = any(_inside(by_subnet[s][1].cidr, c) for s in member.subnets if s in by_subnet
                                  for c in rule.cidrs)
                    if by_group or by_cidr:
                        ports.add(rule.ports)
            if ports:
                edges[(key, lb.urn)] = f"SG {', '.join(sorted(ports))}"


def _inside(cidr: str, rule_cidr: str) -> bool:
    try:
        inner, outer = ipaddress.ip_network(cidr, strict=False), ipaddress.ip_network(rule_cidr, strict=False)
    except ValueError:
        return False
    # 0.0.0.0/0 admits everyone: that is the internet's hop, not evidence of this one.
    return outer.prefixlen > 0 and inner.version == outer.version and inner.subnet_of(outer)  # type: ignore[arg-type]


def client_vpns(refs: References, islands: list[Island]) -> list[ClientVpn]:
    by_subnet = {s.urn: (i, s) for i in islands for s in i.subnets}
    vpns = []
    for endpoint in refs.of_type(VPN_TYPES):
        subnets, authorized = [], []
        for assoc in refs.of_type(("aws:ec2clientvpn/networkAssociation:NetworkAssociation",)):
            if refs.one(assoc, "clientVpnEndpointId", VPN_TYPES) == endpoint.urn:
                subnets += refs.many(assoc, "subnetId", SUBNET_TYPES)
        for rule in refs.of_type(("aws:ec2clientvpn/authorizationRule:AuthorizationRule",)):
            if refs.one(rule, "clientVpnEndpointId", VPN_TYPES) == endpoint.urn:
                cidr = rule.inputs.get("targetNetworkCidr")
                if isinstance(cidr, str):
                    authorized.append(cidr)
        reached = {by_subnet[s][0].urn for s in subnets if s in by_subnet}
        for island in islands:
            if any(_overlaps(c, a) for c in island.cidrs for a in authorized):
                reached.add(island.urn)
        vpns.append(ClientVpn(endpoint.urn, endpoint.name, str(endpoint.inputs.get("clientCidrBlock") or "?"),
                              sorted(subnets), sorted(authorized), sorted(reached)))
    return vpns


def _overlaps(a: str, b: str) -> bool:
    try:
        return ipaddress.ip_network(a, strict=False).overlaps(ipaddress.ip_network(b, strict=False))
    except (ValueError, TypeError):
        return False
