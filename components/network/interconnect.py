"""IslandInterconnect: a Transit Gateway whose route tables encode the island allow-list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pulumi
import pulumi_aws as aws

from ..base import child, logical_name, type_token
from ..environment import Environment
from .interconnect_plan import plan_interconnect
from .spec import NetworkSpec


class IslandInterconnect(pulumi.ComponentResource):
    """One TGW, one attachment and one TGW route table per island; routes only to allowed peers.

    The islands come as ids (a team can bring its own VPCs): per island name of `spec.islands`, its VPC
    id, the subnets the attachment uses, and the VPC route tables that get routes to allowed peers
    (key -> id; VpcIsland's `peer_route_table_ids`).
    """

    transit_gateway: aws.ec2transitgateway.TransitGateway
    transit_gateway_id: pulumi.Output[str]

    def __init__(
        self,
        name: str,
        spec: NetworkSpec,
        *,
        env: Environment,
        vpc_ids: Mapping[str, pulumi.Input[str]],
        attachment_subnet_ids: Mapping[str, Sequence[pulumi.Input[str]]],
        peer_route_table_ids: Mapping[str, Mapping[str, pulumi.Input[str]]],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        tagging = env.tagging
        plan = plan_interconnect(spec)
        missing = sorted({i for i in plan.islands if i not in vpc_ids or i not in attachment_subnet_ids}
                         | {r.island for r in plan.routes if r.island not in peer_route_table_ids})
        if missing:
            raise ValueError(f"IslandInterconnect {name}: no vpc_ids/attachment_subnet_ids/peer_route_table_ids "
                             f"for islands {missing} of the network spec")
        super().__init__(type_token("network", "IslandInterconnect"), name, None, env.options(opts))
        # Default association/propagation off: a new attachment must not reach every island.
        self.transit_gateway = aws.ec2transitgateway.TransitGateway(
            logical_name(name, "tgw"), description=f"Island interconnect of {tagging.environment}",
            default_route_table_association="disable", default_route_table_propagation="disable",
            auto_accept_shared_attachments="disable", dns_support="enable",
            security_group_referencing_support="enable",
            tags=tagging.name(logical_name(tagging.environment, "tgw")), opts=child(self))
        tgw = self.transit_gateway
        self.transit_gateway_id = tgw.id
        attachments: dict[str, aws.ec2transitgateway.VpcAttachment] = {}
        tables: dict[str, aws.ec2transitgateway.RouteTable] = {}
        for island in plan.islands:
            attachments[island] = aws.ec2transitgateway.VpcAttachment(
                logical_name(name, island, "attachment"), transit_gateway_id=tgw.id, vpc_id=vpc_ids[island],
                subnet_ids=list(attachment_subnet_ids[island]), dns_support="enable",
                security_group_referencing_support="enable",
                transit_gateway_default_route_table_association=False,
                transit_gateway_default_route_table_propagation=False,
                tags=tagging.name(logical_name(name, island, "attachment")), opts=child(self))
            tables[island] = aws.ec2transitgateway.RouteTable(
                logical_name(name, island, "rt"), transit_gateway_id=tgw.id,
                tags=tagging.name(logical_name(name, island, "rt")), opts=child(self))
            aws.ec2transitgateway.RouteTableAssociation(
                logical_name(name, island, "association"), transit_gateway_attachment_id=attachments[island].id,
                transit_gateway_route_table_id=tables[island].id, opts=child(self))
        for prop in plan.propagations:
            aws.ec2transitgateway.RouteTablePropagation(
                logical_name(name, prop.table, "from", prop.source),
                transit_gateway_attachment_id=attachments[prop.source].id,
                transit_gateway_route_table_id=tables[prop.table].id, opts=child(self))
        for route in plan.routes:
            for key, table_id in peer_route_table_ids[route.island].items():
                aws.ec2.Route(
                    logical_name(name, route.island, key, "to", route.peer), route_table_id=table_id,
                    destination_cidr_block=route.destination, transit_gateway_id=tgw.id,
                    opts=child(self, depends_on=[attachments[route.island]]))
        self.register_outputs({"transitGatewayId": tgw.id})
