"""VpcIsland: one VPC planned from its IslandSpec (subnets, routing, NACLs, endpoints, flow logs).

Logical names carry the AZ index (`az0`, `az1`): they are identities and must not move. Name tags
carry the AZ's full name (`eu-west-1a`, `us-west-2-lax-1a`): the last letter alone collides in
Local Zones (`us-west-2-lax-1a` and `us-west-2a` both end in `a`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from ..base import AccountContext, child, logical_name, type_token
from ..environment import Environment
from .flow_logs import flow_log_delivery_policy, flow_log_trust_policy, log_key_policy
from .plan import IslandPlan, NaclEntryPlan, SubnetPlan, plan_island
from .spec import IslandSpec, NetworkSpec


def _nacl_rules(entries: Sequence[NaclEntryPlan], args: type) -> list:
    return [
        args(rule_no=e.rule_no, action=e.action, protocol=e.protocol, cidr_block=e.cidr,
             from_port=e.from_port, to_port=e.to_port)
        for e in entries
    ]


class VpcIsland(pulumi.ComponentResource):
    """A VPC island. Children are named `<island>-<what>[-<tier>][-az<n>]` (a public contract)."""

    plan: IslandPlan
    vpc: aws.ec2.Vpc
    vpc_id: pulumi.Output[str]
    subnet_ids: dict[str, list[pulumi.Output[str]]]
    attachment_subnet_ids: list[pulumi.Output[str]]
    route_table_ids: dict[str, pulumi.Output[str]]
    endpoint_security_group_id: pulumi.Output[str]
    gateway_prefix_list_ids: dict[str, pulumi.Output[str]]
    flow_log_group_name: str

    def __init__(
        self,
        name: str,
        spec: IslandSpec,
        *,
        env: Environment,
        network: NetworkSpec,
        az_names: Sequence[str],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        account, tagging, protect_keys = env.account, env.tagging, env.protect
        if len(az_names) < network.az_count:
            raise ValueError(f"VpcIsland {name}: network.azCount is {network.az_count} but az_names has "
                             f"{len(az_names)}: {list(az_names)}")
        plan = plan_island(spec, network)
        super().__init__(type_token("network", "VpcIsland"), name, None, env.options(opts))
        self.plan = self._plan = plan
        self._tag, self._az = tagging, list(az_names)
        self.vpc = aws.ec2.Vpc(
            logical_name(name, "vpc"), cidr_block=plan.cidr, enable_dns_support=True,
            enable_dns_hostnames=True, tags=tagging.name(name),
            opts=child(self),
        )
        # Claiming the default SG with no rules strips AWS's allow-all defaults (CIS 5.4).
        aws.ec2.DefaultSecurityGroup(logical_name(name, "default-sg"), vpc_id=self.vpc.id,
                                     tags=tagging.name(logical_name(name, "default-sg-unused")), opts=child(self))
        self.vpc_id = self.vpc.id
        self.subnet_ids = {}
        subnets = self._subnets(name, plan.subnets)
        for sub_plan, subnet in zip(plan.subnets, subnets, strict=True):
            self.subnet_ids.setdefault(sub_plan.tier, []).append(subnet.id)
        attach = self._subnets(name, plan.attachment_subnets)
        endpoint_subnets = self._subnets(name, plan.endpoint_subnets)
        self.attachment_subnet_ids = [s.id for s in attach]
        self.endpoint_subnet_ids = [s.id for s in endpoint_subnets]
        self._routing(name, plan, subnets)
        self._nacls(name, plan, subnets, attach + endpoint_subnets)
        self._endpoints(name, network, account, endpoint_subnets)
        self._flow_logs(name, network, account, protect_keys)
        self.register_outputs({
            "vpcId": self.vpc_id,
            "subnetIds": self.subnet_ids,
            "routeTableIds": self.route_table_ids,
        })

    def _subnets(self, island: str, plans: Sequence[SubnetPlan]) -> list[aws.ec2.Subnet]:
        return [
            aws.ec2.Subnet(
                logical_name(island, s.tier, f"az{s.az_index}"), vpc_id=self.vpc.id, cidr_block=s.cidr,
                availability_zone=self._az[s.az_index], map_public_ip_on_launch=False,
                tags=self._tag.name(logical_name(island, s.tier, self._az[s.az_index]), tier=s.tier),
                opts=child(self),
            )
            for s in plans
        ]

    def _routing(self, island: str, plan: IslandPlan, subnets: list[aws.ec2.Subnet]) -> None:
        igw = None
        self.internet_gateway_id: pulumi.Output[str] | None = None
        if plan.has_internet_gateway:
            igw = aws.ec2.InternetGateway(logical_name(island, "igw"), vpc_id=self.vpc.id,
                                          tags=self._tag.name(logical_name(island, "igw")), opts=child(self))
            self.internet_gateway_id = igw.id
        public = next((s.tier for s in plan.subnets if s.kind == "public"), None)
        nats: dict[int, aws.ec2.NatGateway] = {}
        for az in plan.nat_azs:
            eip = aws.ec2.Eip(logical_name(island, "nat-eip", f"az{az}"), domain="vpc",
                              tags=self._tag.name(logical_name(island, "nat", f"az{az}")), opts=child(self))
            public_subnet = next(s for p, s in zip(plan.subnets, subnets, strict=True)
                                 if p.tier == public and p.az_index == az)
            nats[az] = aws.ec2.NatGateway(
                logical_name(island, "nat", f"az{az}"), allocation_id=eip.id, subnet_id=public_subnet.id,
                tags=self._tag.name(logical_name(island, "nat", f"az{az}")),
                opts=child(self, depends_on=[igw] if igw else []),
            )
        tables: dict[str, aws.ec2.RouteTable] = {}
        self.route_table_ids = {}
        for rt in plan.route_tables:
            table = aws.ec2.RouteTable(logical_name(island, "rt", rt.key), vpc_id=self.vpc.id,
                                       tags=self._tag.name(logical_name(island, "rt", rt.key), tier=rt.tier),
                                       opts=child(self))
            tables[rt.key] = table
            self.route_table_ids[rt.key] = table.id
            if rt.default_via == "igw" and igw is not None:
                aws.ec2.Route(logical_name(island, "rt", rt.key, "default"), route_table_id=table.id,
                              destination_cidr_block="0.0.0.0/0", gateway_id=igw.id, opts=child(self))
            elif rt.default_via == "nat" and rt.nat_az is not None:
                aws.ec2.Route(logical_name(island, "rt", rt.key, "default"), route_table_id=table.id,
                              destination_cidr_block="0.0.0.0/0", nat_gateway_id=nats[rt.nat_az].id,
                              opts=child(self))
        for sub_plan, subnet in zip(plan.subnets, subnets, strict=True):
            rt = plan.route_table_for(sub_plan)
            aws.ec2.RouteTableAssociation(
                logical_name(island, sub_plan.tier, f"az{sub_plan.az_index}", "rta"),
                subnet_id=subnet.id, route_table_id=tables[rt.key].id, opts=child(self))
        reserved = aws.ec2.RouteTable(logical_name(island, "rt", "reserved"), vpc_id=self.vpc.id,
                                      tags=self._tag.name(logical_name(island, "rt", "reserved")), opts=child(self))
        self.route_table_ids["reserved"] = reserved.id
        self._reserved_table = reserved
        self.peer_route_table_ids = {k: tables[k].id for k in tables
                                     if next(r for r in plan.route_tables if r.key == k).peer_routes}

    def _nacls(self, island: str, plan: IslandPlan, subnets: list[aws.ec2.Subnet],
               reserved: list[aws.ec2.Subnet]) -> None:
        for nacl in plan.nacls:
            members = reserved if nacl.tier == "reserved" else [
                s for p, s in zip(plan.subnets, subnets, strict=True) if p.tier == nacl.tier]
            aws.ec2.NetworkAcl(
                logical_name(island, "nacl", nacl.tier), vpc_id=self.vpc.id,
                subnet_ids=[s.id for s in members],
                ingress=_nacl_rules(nacl.ingress, aws.ec2.NetworkAclIngressArgs),
                egress=_nacl_rules(nacl.egress, aws.ec2.NetworkAclEgressArgs),
                tags=self._tag.name(logical_name(island, "nacl", nacl.tier), tier=nacl.tier),
                opts=child(self),
            )
        for sub_plan, subnet in zip([*plan.attachment_subnets, *plan.endpoint_subnets], reserved, strict=True):
            aws.ec2.RouteTableAssociation(
                logical_name(island, sub_plan.tier, f"az{sub_plan.az_index}", "rta"),
                subnet_id=subnet.id, route_table_id=self._reserved_table.id, opts=child(self))

    def _endpoints(self, island: str, network: NetworkSpec, account: AccountContext,
                   subnets: list[aws.ec2.Subnet]) -> None:
        sg = aws.ec2.SecurityGroup(
            logical_name(island, "endpoints-sg"), vpc_id=self.vpc.id,
            description=f"Interface endpoints of island {island}: 443 from the VPC only",
            tags=self._tag.name(logical_name(island, "endpoints-sg")), opts=child(self))
        aws.vpc.SecurityGroupIngressRule(
            logical_name(island, "endpoints-sg-in-https"), security_group_id=sg.id, ip_protocol="tcp",
            from_port=443, to_port=443, cidr_ipv4=self._plan.cidr,
            description="HTTPS from inside the island to AWS APIs", opts=child(self))
        self.endpoint_security_group_id = sg.id
        self.gateway_prefix_list_ids = {}
        for service in network.gateway_endpoints:
            endpoint = aws.ec2.VpcEndpoint(
                logical_name(island, "vpce", service), vpc_id=self.vpc.id, vpc_endpoint_type="Gateway",
                service_name=f"com.amazonaws.{account.region}.{service}",
                route_table_ids=list(self.route_table_ids.values()),
                tags=self._tag.name(logical_name(island, "vpce", service)), opts=child(self))
            self.gateway_prefix_list_ids[service] = endpoint.prefix_list_id
        for interface in network.interface_endpoints:
            aws.ec2.VpcEndpoint(
                logical_name(island, "vpce", interface), vpc_id=self.vpc.id, vpc_endpoint_type="Interface",
                service_name=f"com.amazonaws.{account.region}.{interface}", private_dns_enabled=True,
                subnet_ids=[s.id for s in subnets], security_group_ids=[sg.id],
                tags=self._tag.name(logical_name(island, "vpce", interface)), opts=child(self))

    def _flow_logs(self, island: str, network: NetworkSpec, account: AccountContext, protect: bool) -> None:
        group_name = self.flow_log_group_name = f"/lz/{self._tag.environment}/vpc-flow-logs/{self._plan.name}"
        key = aws.kms.Key(
            logical_name(island, "flow-logs-key"), description=f"Flow logs of island {island}",
            enable_key_rotation=True, deletion_window_in_days=30,
            policy=json.dumps(log_key_policy(account, [group_name])),
            tags=self._tag.name(logical_name(island, "flow-logs-key")), opts=child(self, protect=protect))
        aws.kms.Alias(logical_name(island, "flow-logs-key-alias"),
                      name=f"alias/lz-{self._tag.environment}-{self._plan.name}-flow-logs", target_key_id=key.key_id,
                      opts=child(self))
        group = aws.cloudwatch.LogGroup(
            logical_name(island, "flow-logs"), name=group_name, kms_key_id=key.arn,
            retention_in_days=network.flow_logs.retention_days,
            tags=self._tag.name(logical_name(island, "flow-logs")), opts=child(self))
        role = aws.iam.Role(
            logical_name(island, "flow-logs-role"), assume_role_policy=json.dumps(flow_log_trust_policy(account)),
            description=f"Delivers VPC flow logs of island {island}",
            tags=self._tag.name(logical_name(island, "flow-logs-role")), opts=child(self))
        aws.iam.RolePolicy(logical_name(island, "flow-logs-delivery"), role=role.id,
                           policy=json.dumps(flow_log_delivery_policy(account, group_name)), opts=child(self))
        aws.ec2.FlowLog(
            logical_name(island, "flow-log"), vpc_id=self.vpc.id, traffic_type="ALL",
            log_destination_type="cloud-watch-logs", log_destination=group.arn, iam_role_arn=role.arn,
            max_aggregation_interval=network.flow_logs.aggregation_seconds,
            tags=self._tag.name(logical_name(island, "flow-log")), opts=child(self))
