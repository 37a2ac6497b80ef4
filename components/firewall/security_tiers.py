"""SecurityTiers: one whitelisting SG per tier, one quarantine SG per island, rules from the plan."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi
import pulumi_aws as aws

from ..base import Tagging, child, logical_name, type_token
from ..environment import Environment
from ..network.plan import plan_island
from ..network.spec import NetworkSpec
from .plan import SgRulePlan, plan_firewall, tier_islands
from .spec import FirewallSpec


class SecurityTiers(pulumi.ComponentResource):
    """Tier SGs reference each other by id; only flows in the plan exist, each with a description.

    The islands come as ids (a team can bring its own VPCs), keyed by the island names of `network`:
    `vpc_ids`, the interface-endpoint SG of each island (`endpoint_security_group_ids`, for flows to
    `endpoints`) and its gateway endpoints' prefix lists (`gateway_prefix_list_ids`, service -> id,
    for flows to `s3`/`dynamodb`). `gwlb=(tier, health_port)` admits a Gateway Load Balancer's GENEVE
    and health checks into that tier.
    """

    security_group_ids: dict[str, pulumi.Output[str]]
    quarantine_security_group_ids: dict[str, pulumi.Output[str]]

    def __init__(
        self,
        name: str,
        spec: FirewallSpec,
        *,
        env: Environment,
        network: NetworkSpec,
        vpc_ids: Mapping[str, pulumi.Input[str]],
        endpoint_security_group_ids: Mapping[str, pulumi.Input[str]] | None = None,
        gateway_prefix_list_ids: Mapping[str, Mapping[str, pulumi.Input[str]]] | None = None,
        gwlb: tuple[str, int] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        tagging = env.tagging
        missing = [i.name for i in network.islands if i.name not in vpc_ids]
        if missing:
            raise ValueError(f"SecurityTiers {name}: vpc_ids lacks islands {missing} of the network spec")
        plan = plan_firewall(network, spec, {i.name: plan_island(i, network) for i in network.islands}, gwlb)
        super().__init__(type_token("firewall", "SecurityTiers"), name, None, env.options(opts))
        self._tier_island = tier_islands(network)
        self._endpoint_sgs = dict(endpoint_security_group_ids or {})
        self._prefix_lists = {k: dict(v) for k, v in (gateway_prefix_list_ids or {}).items()}
        groups: dict[str, aws.ec2.SecurityGroup] = {}
        for group in plan.groups:
            groups[group.tier] = aws.ec2.SecurityGroup(
                logical_name(name, group.tier), vpc_id=vpc_ids[group.island],
                description=f"Tier {group.tier} ({group.kind}) of island {group.island}: whitelist only",
                tags=tagging.name(logical_name(tagging.environment, group.tier), tier=group.tier),
                opts=child(self))
        self._groups = groups
        # Without egress arguments the provider removes AWS's default allow-all egress: no rules at all.
        self.quarantine_security_group_ids = {
            island: aws.ec2.SecurityGroup(
                logical_name(name, island, "quarantine"), vpc_id=vpc_ids[island],
                description=f"Quarantine for island {island}: no traffic in or out",
                tags=tagging.name(logical_name(tagging.environment, island, "quarantine"), purpose="quarantine"),
                opts=child(self)).id
            for island in (i.name for i in network.islands)
        }
        for rule in plan.rules:
            self._rule(name, rule, tagging)
        self.security_group_ids = {tier: sg.id for tier, sg in groups.items()}
        self.register_outputs({"securityGroupIds": self.security_group_ids})

    def _peer(self, rule: SgRulePlan, owner_island: str) -> dict[str, pulumi.Input[str]]:
        kind, value = rule.peer
        if kind == "sg":
            return {"referenced_security_group_id": self._groups[value].id}
        if kind == "cidr":
            return {"cidr_ipv4": value}
        if kind == "endpoints":
            sg = self._needed(self._endpoint_sgs, value, "endpoint_security_group_ids")
            return {"referenced_security_group_id": sg}
        lists = self._needed(self._prefix_lists, owner_island, "gateway_prefix_list_ids")
        return {"prefix_list_id": self._needed(lists, value, f"gateway_prefix_list_ids[{owner_island!r}]")}

    def _needed(self, values: Mapping[str, Any], key: str, argument: str) -> Any:
        if key not in values:
            raise ValueError(f"SecurityTiers: a flow needs {argument}[{key!r}]; given: {sorted(values)}")
        return values[key]

    def _rule(self, name: str, rule: SgRulePlan, tagging: Tagging) -> None:
        owner_island = self._tier_island[rule.tier]
        args = dict(
            security_group_id=self._groups[rule.tier].id, ip_protocol=rule.protocol, from_port=rule.from_port,
            to_port=rule.to_port, description=rule.description, tags=tagging.name(logical_name(name, rule.name)),
            opts=child(self), **self._peer(rule, owner_island),
        )
        resource = aws.vpc.SecurityGroupIngressRule if rule.direction == "ingress" else aws.vpc.SecurityGroupEgressRule
        resource(logical_name(name, rule.name), **args)  # type: ignore[arg-type]
