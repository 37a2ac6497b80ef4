"""SecurityTiers for every Pulumi language: the islands by id, the whitelist of flows as plain arguments."""

from typing import Any, NotRequired, TypedDict

import pulumi

from ..firewall.plan import plan_firewall, tier_islands
from ..firewall.security_tiers import SecurityTiers as _SecurityTiers
from ..firewall.spec import FirewallSpec
from ..network.plan import plan_island
from ..network.spec import NetworkSpec
from ..validation import firewall_issues
from .args import (
    Environment,
    InputPropertyErrorDetails,
    as_output,
    compact,
    environment_of,
    invalid,
    join_path,
    split_path,
    tier_docs,
    token,
    validated,
)
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
    gateway_prefix_list_ids: NotRequired[pulumi.Input[dict[str, str]]]
    """Gateway endpoint prefix list per service, s3 and dynamodb (a VpcIsland's gatewayPrefixListIds)."""


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
    return join_path(loc, {"from": "source", "to": "target"})


class SecurityTiers(pulumi.ComponentResource):
    """Tier security groups that reference each other by id; only the flows given exist. Islands come in by id."""

    security_group_ids: pulumi.Output[dict[str, str]]
    """Security group id per tier."""
    quarantine_security_group_ids: pulumi.Output[dict[str, str]]
    """The empty quarantine group per island (no rules: isolates an instance)."""

    def __init__(self, name: str, args: SecurityTiersArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        raw = compact(dict(args))
        islands = [compact(i) for i in raw.get("islands") or []]
        network_doc: dict[str, Any] = {
            "islands": [{"name": i.get("name"), "cidr": i.get("cidr"),
                         "tiers": tier_docs(i.get("tiers"))} for i in islands],
            **({"azCount": raw["az_count"]} if "az_count" in raw else {})}
        network = validated("SecurityTiers", NetworkSpec, network_doc)
        firewall = validated("SecurityTiers", FirewallSpec,
                             {"flows": [_flow_doc(compact(f)) for f in raw.get("flows") or []]}, where=_where)
        problems = [InputPropertyErrorDetails(property_path=_where(split_path(path, "firewall.")), reason=message)
                    for path, message in firewall_issues(network, firewall)]
        if problems:
            raise invalid("SecurityTiers", problems)
        env = environment_of("SecurityTiers", raw.get("environment") or {})
        prefix_lists = _references(network, firewall, islands)
        super().__init__(token("SecurityTiers"), name, None, opts)
        tiers = _SecurityTiers(
            name, firewall, env=env, network=network, vpc_ids={i["name"]: i["vpc_id"] for i in islands},
            endpoint_security_group_ids={i["name"]: i["endpoint_security_group_id"] for i in islands
                                         if "endpoint_security_group_id" in i},
            gateway_prefix_list_ids=prefix_lists, opts=pulumi.ResourceOptions(parent=self))
        self.security_group_ids = as_output(tiers.security_group_ids)
        self.quarantine_security_group_ids = as_output(tiers.quarantine_security_group_ids)
        self.register_outputs({"securityGroupIds": self.security_group_ids,
                               "quarantineSecurityGroupIds": self.quarantine_security_group_ids})


def _references(network: NetworkSpec, firewall: FirewallSpec,
                islands: list[dict[str, Any]]) -> dict[str, dict[str, pulumi.Input[str]]]:
    """The prefix lists the planned rules use, per island and service; a missing id is an input error here,
    before any resource, naming the island argument that lacks it."""
    plan = plan_firewall(network, firewall, {i.name: plan_island(i, network) for i in network.islands})
    home = tier_islands(network)
    index = {i["name"]: n for n, i in enumerate(islands)}
    needed: dict[str, set[str]] = {}
    problems: list[InputPropertyErrorDetails] = []
    for rule in plan.rules:
        kind, value = rule.peer
        if kind == "endpoints" and "endpoint_security_group_id" not in islands[index[value]]:
            problems.append(InputPropertyErrorDetails(
                property_path=f"islands[{index[value]}].endpointSecurityGroupId",
                reason=f"rule {rule.name} reaches island {value!r}'s interface endpoints: give the endpoints' "
                       "security group (VpcIsland output endpointSecurityGroupId)"))
        elif kind not in ("sg", "cidr", "endpoints"):
            needed.setdefault(home[rule.tier], set()).add(value)
    out: dict[str, dict[str, pulumi.Input[str]]] = {}
    for island, services in sorted(needed.items()):
        given = islands[index[island]].get("gateway_prefix_list_ids")
        if given is None:
            problems.append(InputPropertyErrorDetails(
                property_path=f"islands[{index[island]}].gatewayPrefixListIds",
                reason=f"the tiers' rules use the {sorted(services)} gateway endpoints: give their prefix lists "
                       "(VpcIsland output gatewayPrefixListIds)"))
            continue
        out[island] = {s: _service(pulumi.Output.from_input(given), s, island) for s in sorted(services)}
    if problems:
        raise invalid("SecurityTiers", list({p["property_path"]: p for p in problems}.values()))
    return out


def _service(lists: pulumi.Output[Any], service: str, island: str) -> pulumi.Output[str]:
    def pick(given: dict[str, str]) -> str:
        if service not in given:
            raise ValueError(f"SecurityTiers: gatewayPrefixListIds of island {island!r} has no {service!r} "
                             f"(given: {sorted(given)})")
        return given[service]

    return lists.apply(pick)
