"""Where a resource lets traffic in: one normalised view over every way to write an ingress entry."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...framework import ResourceView

SG = "aws:ec2/securityGroup:SecurityGroup"
DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule"
VPC_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
VPC_EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
SG_INGRESS_TYPES = (SG, DEFAULT_SG, SG_RULE, VPC_INGRESS)

NACL = "aws:ec2/networkAcl:NetworkAcl"
DEFAULT_NACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"
NACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule"
NACL_TYPES = (NACL, DEFAULT_NACL, NACL_RULE)


@dataclass(frozen=True)
class Opening:
    """One source CIDR allowed (or denied, for NACLs) in by one entry."""

    path: str
    cidr: str
    protocol: Any
    from_port: Any
    to_port: Any
    allow: bool = True
    order: float = 0.0

    @property
    def ipv6(self) -> bool:
        return ":" in self.cidr


def _sources(path: str, entry: Any, v4: str, v6: str) -> Iterator[tuple[str, str]]:
    for key in (v4, v6):
        value = entry.get(key)
        if isinstance(value, str):
            yield f"{path}.{key}", value
        elif value is not None:
            for j, cidr in enumerate(value):
                yield f"{path}.{key}[{j}]", cidr


def sg_ingress(resource: ResourceView) -> Iterator[Opening]:
    """Ingress sources of a security group, an SG rule or a vpc ingress rule resource."""
    if resource.type in (SG, DEFAULT_SG):
        for i, entry in enumerate(resource.get("ingress") or ()):
            path = f"ingress[{i}]"
            for where, cidr in _sources(path, entry, "cidrBlocks", "ipv6CidrBlocks"):
                yield Opening(where, cidr, entry.get("protocol"), entry.get("fromPort"), entry.get("toPort"))
    elif resource.type == SG_RULE:
        if resource.get("type") != "ingress":
            return
        for where, cidr in _sources("", resource.props, "cidrBlocks", "ipv6CidrBlocks"):
            p = resource.props
            yield Opening(where.lstrip("."), cidr, p.get("protocol"), p.get("fromPort"), p.get("toPort"))
    elif resource.type == VPC_INGRESS:
        p = resource.props
        for where, cidr in _sources("", p, "cidrIpv4", "cidrIpv6"):
            yield Opening(where.lstrip("."), cidr, p.get("ipProtocol"), p.get("fromPort"), p.get("toPort"))


def nacl_ingress(resource: ResourceView) -> list[Opening]:
    """Ingress entries of a NACL (inline, in rule-number order) or of one NetworkAclRule."""
    found: list[Opening] = []
    if resource.type in (NACL, DEFAULT_NACL):
        for i, entry in enumerate(resource.get("ingress") or ()):
            allow = str(entry.get("action", "")).lower() == "allow"
            for where, cidr in _sources(f"ingress[{i}]", entry, "cidrBlock", "ipv6CidrBlock"):
                found.append(
                    Opening(where, cidr, entry.get("protocol"), entry.get("fromPort"), entry.get("toPort"),
                            allow, float(entry.get("ruleNo") or 0))
                )
    elif resource.type == NACL_RULE and not resource.get("egress"):
        p = resource.props
        allow = str(p.get("ruleAction", "")).lower() == "allow"
        for where, cidr in _sources("", p, "cidrBlock", "ipv6CidrBlock"):
            found.append(
                Opening(where.lstrip("."), cidr, p.get("protocol"), p.get("fromPort"), p.get("toPort"),
                        allow, float(p.get("ruleNumber") or 0))
            )
    return sorted(found, key=lambda o: o.order)
