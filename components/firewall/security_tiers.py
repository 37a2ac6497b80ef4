"""SecurityTiers: one whitelisting SG per tier, one quarantine SG per island, rules from the plan."""

from __future__ import annotations

from collections.abc import Mapping

import pulumi
import pulumi_aws as aws

from ..base import Tagging, child, logical_name, type_token
from ..network.vpc_island import VpcIsland
from .plan import FirewallPlan, SgRulePlan


class SecurityTiers(pulumi.ComponentResource):
    """Tier SGs reference each other by id; only flows in the plan exist, each with a description."""

    security_group_ids: dict[str, pulumi.Output[str]]
    quarantine_security_group_ids: dict[str, pulumi.Output[str]]

    def __init__(
        self,
        name: str,
        plan: FirewallPlan,
        *,
        islands: Mapping[str, VpcIsland],
        tagging: Tagging,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("firewall", "SecurityTiers"), name, None, opts)
        self._islands = islands
        groups: dict[str, aws.ec2.SecurityGroup] = {}
        for group in plan.groups:
            groups[group.tier] = aws.ec2.SecurityGroup(
                logical_name(name, group.tier), vpc_id=islands[group.island].vpc.id,
                description=f"Tier {group.tier} ({group.kind}) of island {group.island}: whitelist only",
                tags=tagging.of(logical_name(tagging.environment, group.tier), tier=group.tier),
                opts=child(self))
        self._groups = groups
        # Without egress arguments the provider removes AWS's default allow-all egress: no rules at all.
        self.quarantine_security_group_ids = {
            island: aws.ec2.SecurityGroup(
                logical_name(name, island, "quarantine"), vpc_id=vpc.vpc.id,
                description=f"Quarantine for island {island}: no traffic in or out",
                tags=tagging.of(logical_name(tagging.environment, island, "quarantine"), purpose="quarantine"),
                opts=child(self)).id
            for island, vpc in islands.items()
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
            return {"referenced_security_group_id": self._islands[value].endpoint_security_group_id}
        return {"prefix_list_id": self._islands[owner_island].gateway_prefix_list_ids[value]}

    def _rule(self, name: str, rule: SgRulePlan, tagging: Tagging) -> None:
        owner_island = next(i for i, v in self._islands.items() if rule.tier in v.subnet_ids)
        args = dict(
            security_group_id=self._groups[rule.tier].id, ip_protocol=rule.protocol, from_port=rule.from_port,
            to_port=rule.to_port, description=rule.description, tags=tagging.of(logical_name(name, rule.name)),
            opts=child(self), **self._peer(rule, owner_island),
        )
        resource = aws.vpc.SecurityGroupIngressRule if rule.direction == "ingress" else aws.vpc.SecurityGroupEgressRule
        resource(logical_name(name, rule.name), **args)  # type: ignore[arg-type]
