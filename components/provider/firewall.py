"""SecurityTiers for every Pulumi language: the islands by id, the whitelist of flows as plain arguments."""

from typing import Any, NotRequired, TypedDict

import pulumi

from ..firewall.security_tiers import SecurityTiers as _SecurityTiers
from ..firewall.spec import FirewallSpec
from ..network.spec import NetworkSpec
from ..validation import firewall_issues
from .args import Environment, InputPropertyErrorDetails, as_output, compact, environment_of, invalid, token, validated
from .network import Tier


class IslandRef(TypedDict):
    """An island the tiers live in: its layout (for subnet CIDRs) and the ids of what already exists."""

    name: str
    """Island name (used in the quarantine group's name)."""
    cidr: str
    """The VPC's IPv4 CIDR."""
    tiers: list[Tier]
    """The island's tiers, as the VpcIsland was given them."""
    vpc_id: pulumi.Input[str]
    """The VPC id (a VpcIsland's vpcId, or a VPC of your own)."""
    endpoint_security_group_id: NotRequired[pulumi.Input[str]]
    """The interface endpoints' security group (needed by flows to 'endpoints')."""
    gateway_prefix_list_ids: NotRequired[dict[str, pulumi.Input[str]]]
    """Gateway endpoint prefix list per service (s3, dynamodb; needed by flows to them)."""


class PortRange(TypedDict):
    """An explicit port range."""

    from_port: int
    """First port."""
    to_port: int
    """Last port."""
    protocol: NotRequired[str]
    """tcp (default) or udp."""
    name: NotRequired[str]
    """Label used in rule names; default custom."""


class Flow(TypedDict):
    """One whitelisted flow: `source` tier (or 'internet') may reach `target` tier (or 'internet')."""

    source: str
    """Source tier name, or 'internet'."""
    target: str
    """Destination tier name, or 'internet' (egress)."""
    ports: NotRequired[list[str]]
    """Named ports: https, http, http-proxy, ssh, rdp, postgres, mysql, redis, dns-tcp, dns-udp, ntp."""
    port_ranges: NotRequired[list[PortRange]]
    """Explicit port ranges, after the named ports."""
    description: NotRequired[str]
    """Why the flow exists (goes into rule descriptions)."""


class SecurityTiersArgs(TypedDict):
    """One security group per tier, whitelist only, plus an empty quarantine group per island."""

    environment: Environment
    """Where and how the groups deploy."""
    islands: list[IslandRef]
    """The islands whose tiers get groups."""
    flows: list[Flow]
    """The allowed flows; everything else is denied."""
    az_count: NotRequired[int]
    """AZs the islands span (as given to VpcIsland); default 2."""


def _flow_doc(flow: dict[str, Any]) -> dict[str, Any]:
    ports: list[Any] = list(flow.get("ports") or [])
    ports += [{("fromPort" if k == "from_port" else "toPort" if k == "to_port" else k): v
               for k, v in compact(r).items()} for r in flow.get("port_ranges") or []]
    return {"from": flow.get("source"), "to": flow.get("target"), "ports": ports,
            **({"description": flow["description"]} if flow.get("description") else {})}


def _where(loc: tuple[int | str, ...]) -> str:
    names = {"from": "source", "to": "target"}
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{names.get(part, part)}" if out else str(part))
    return out


class SecurityTiers(pulumi.ComponentResource):
    """Tier security groups that reference each other by id; only the flows given exist, each rule with its
    description. Works on any VPC: islands come in by id."""

    security_group_ids: pulumi.Output[dict[str, str]]
    """Security group id per tier."""
    quarantine_security_group_ids: pulumi.Output[dict[str, str]]
    """The empty quarantine group per island (no rules: isolates an instance)."""

    def __init__(self, name: str, args: SecurityTiersArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        raw = compact(dict(args))
        islands = [compact(i) for i in raw.get("islands") or []]
        network_doc: dict[str, Any] = {
            "islands": [{"name": i.get("name"), "cidr": i.get("cidr"),
                         "tiers": [{("prefixLength" if k == "prefix_length" else k): v for k, v in compact(t).items()}
                                   for t in i.get("tiers") or []]} for i in islands],
            **({"azCount": raw["az_count"]} if "az_count" in raw else {})}
        network = validated("SecurityTiers", NetworkSpec, network_doc)
        firewall = validated("SecurityTiers", FirewallSpec,
                             {"flows": [_flow_doc(compact(f)) for f in raw.get("flows") or []]}, where=_where)
        problems = [InputPropertyErrorDetails(property_path=_where(tuple(
            int(p) if p.isdigit() else p for p in path.removeprefix("firewall.").replace("]", "").replace("[", ".")
            .split("."))), reason=message) for path, message in firewall_issues(network, firewall)]
        if problems:
            raise invalid("SecurityTiers", problems)
        env = environment_of("SecurityTiers", raw.get("environment") or {})
        super().__init__(token("SecurityTiers"), name, None, opts)
        tiers = _SecurityTiers(
            name, firewall, env=env, network=network, vpc_ids={i["name"]: i["vpc_id"] for i in islands},
            endpoint_security_group_ids={i["name"]: i["endpoint_security_group_id"] for i in islands
                                         if "endpoint_security_group_id" in i},
            gateway_prefix_list_ids={i["name"]: dict(i["gateway_prefix_list_ids"]) for i in islands
                                     if "gateway_prefix_list_ids" in i},
            opts=pulumi.ResourceOptions(parent=self))
        self.security_group_ids = as_output(tiers.security_group_ids)
        self.quarantine_security_group_ids = as_output(tiers.quarantine_security_group_ids)
        self.register_outputs({"securityGroupIds": self.security_group_ids,
                               "quarantineSecurityGroupIds": self.quarantine_security_group_ids})
