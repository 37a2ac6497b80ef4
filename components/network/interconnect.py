"""IslandInterconnect: a Transit Gateway whose route tables encode the island allow-list."""

from __future__ import annotations

from collections.abc import Mapping

import pulumi
import pulumi_aws as aws

from ..base import Tagging, child, logical_name, type_token
from .interconnect_plan import InterconnectPlan
from .vpc_island import VpcIsland


class IslandInterconnect(pulumi.ComponentResource):
    """One TGW, one attachment and one TGW route table per island; routes only to allowed peers."""

    transit_gateway: aws.ec2transitgateway.TransitGateway

    def __init__(
        self,
        name: str,
        plan: InterconnectPlan,
        *,
        islands: Mapping[str, VpcIsland],
        tagging: Tagging,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("network", "IslandInterconnect"), name, None, opts)
        # Default association/propagation off: a new attachment must not reach every island.
        self.transit_gateway = aws.ec2transitgateway.TransitGateway(
            logical_name(name, "tgw"), description=f"Island interconnect of {tagging.environment}",
            default_route_table_association="disable", default_route_table_propagation="disable",
            auto_accept_shared_attachments="disable", dns_support="enable",
            security_group_referencing_support="enable",
            tags=tagging.of(logical_name(tagging.environment, "tgw")), opts=child(self))
        tgw = self.transit_gateway
        attachments: dict[str, aws.ec2transitgateway.VpcAttachment] = {}
        tables: dict[str, aws.ec2transitgateway.RouteTable] = {}
        for island in plan.islands:
            vpc = islands[island]
            attachments[island] = aws.ec2transitgateway.VpcAttachment(
                logical_name(name, island, "attachment"), transit_gateway_id=tgw.id, vpc_id=vpc.vpc.id,
                subnet_ids=vpc.attachment_subnet_ids, dns_support="enable",
                security_group_referencing_support="enable",
                transit_gateway_default_route_table_association=False,
                transit_gateway_default_route_table_propagation=False,
                tags=tagging.of(logical_name(name, island, "attachment")), opts=child(self))
            tables[island] = aws.ec2transitgateway.RouteTable(
                logical_name(name, island, "rt"), transit_gateway_id=tgw.id,
                tags=tagging.of(logical_name(name, island, "rt")), opts=child(self))
            aws.ec2transitgateway.RouteTableAssociation(
                logical_name(name, island, "association"), transit_gateway_attachment_id=attachments[island].id,
                transit_gateway_route_table_id=tables[island].id, opts=child(self))
        for prop in plan.propagations:
            aws.ec2transitgateway.RouteTablePropagation(
                logical_name(name, prop.table, "from", prop.source),
                transit_gateway_attachment_id=attachments[prop.source].id,
                transit_gateway_route_table_id=tables[prop.table].id, opts=child(self))
        for route in plan.routes:
            for key, table_id in islands[route.island].peer_route_table_ids.items():
                aws.ec2.Route(
                    logical_name(name, route.island, key, "to", route.peer), route_table_id=table_id,
                    destination_cidr_block=route.destination, transit_gateway_id=tgw.id,
                    opts=child(self, depends_on=[attachments[route.island]]))
        self.register_outputs({"transitGatewayId": tgw.id})
