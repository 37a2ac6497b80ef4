"""ClientVpn: the only way into the islands from outside, every session logged (controls rows 3, 16)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pulumi
import pulumi_aws as aws

from ..base import child, logical_name, type_token
from ..environment import Environment
from .plan import LOG_STREAM, TRANSPORT, VPN_PORT, ClientVpnPlan, plan_client_vpn
from .spec import AccessSpec


class ClientVpn(pulumi.ComponentResource):
    """Children: `<name>-endpoint`, `-sg`, `-sg-out-<island>-<port>`, `-connections[-stream]`,
    `-association-<n>`, `-authorize-<island>`, `-route-<island>-<n>`. Nothing when disabled."""

    endpoint_id: pulumi.Output[str] | None
    endpoint_arn: pulumi.Output[str] | None
    dns_name: pulumi.Output[str] | None
    security_group_id: pulumi.Output[str] | None
    log_group_name: pulumi.Output[str] | None

    def __init__(
        self,
        name: str,
        spec: AccessSpec,
        *,
        env: Environment,
        vpc_id: pulumi.Input[str],
        subnet_ids: Sequence[pulumi.Input[str]],
        island_cidrs: Mapping[str, str],
        logs_key_arn: pulumi.Input[str],
        log_group_name: pulumi.Input[str] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """`log_group_name`: an existing encrypted group (e.g. LogGroups' 'vpn'); default: create one."""
        tagging, production, protect = env.tagging, env.production, env.protect
        super().__init__(type_token("access", "ClientVpn"), name, None, env.options(opts))
        self._name, self._tag = name, tagging
        self.endpoint_id = self.endpoint_arn = self.dns_name = self.security_group_id = self.log_group_name = None
        plan = plan_client_vpn(spec, environment=tagging.environment, production=production,
                               island_cidrs=island_cidrs)
        if plan is not None:
            self._build(plan, vpc_id, list(subnet_ids), logs_key_arn, log_group_name, protect)
        self.register_outputs({"endpointId": self.endpoint_id, "dnsName": self.dns_name,
                               "securityGroupId": self.security_group_id, "logGroupName": self.log_group_name})

    def _build(self, plan: ClientVpnPlan, vpc_id: pulumi.Input[str], subnet_ids: list[pulumi.Input[str]],
               key_arn: pulumi.Input[str], group_name: pulumi.Input[str] | None, protect: bool) -> None:
        name, tag = self._name, self._tag
        sg = aws.ec2.SecurityGroup(
            logical_name(name, "sg"), vpc_id=vpc_id,
            description="Client VPN endpoint: egress only to the authorized islands",
            tags=tag.name(logical_name(name, "sg")), opts=child(self))
        for island in plan.islands:
            for port in island.ports:
                aws.vpc.SecurityGroupEgressRule(
                    logical_name(name, "sg-out", island.island, port), security_group_id=sg.id,
                    ip_protocol="tcp", from_port=port, to_port=port, cidr_ipv4=island.cidr,
                    description=f"VPN users to island {island.island} on tcp/{port}",
                    tags=tag.name(logical_name(name, "sg-out", island.island, port)), opts=child(self))
        if group_name is None:
            group = aws.cloudwatch.LogGroup(
                logical_name(name, "connections"), name=plan.log_group_name, kms_key_id=key_arn,
                retention_in_days=plan.log_retention_days, deletion_protection_enabled=protect,
                tags=tag.name(plan.log_group_name, purpose="vpn"), opts=child(self, protect=protect))
            group_name = group.name
        stream = aws.cloudwatch.LogStream(
            logical_name(name, "connections-stream"), name=LOG_STREAM, log_group_name=group_name,
            opts=child(self))
        auth = aws.ec2clientvpn.EndpointAuthenticationOptionArgs(type=plan.authentication_type)
        if plan.authentication_type == "federated-authentication":
            auth.saml_provider_arn = plan.authentication_arn
        else:
            auth.root_certificate_chain_arn = plan.authentication_arn
        endpoint = aws.ec2clientvpn.Endpoint(
            logical_name(name, "endpoint"), description=f"Client VPN of {tag.environment}",
            server_certificate_arn=plan.server_certificate_arn, client_cidr_block=plan.client_cidr,
            authentication_options=[auth],
            connection_log_options=aws.ec2clientvpn.EndpointConnectionLogOptionsArgs(
                enabled=True, cloudwatch_log_group=group_name, cloudwatch_log_stream=stream.name),
            split_tunnel=True, transport_protocol=TRANSPORT, vpn_port=VPN_PORT,
            session_timeout_hours=plan.session_timeout_hours, disconnect_on_session_timeout=True,
            client_login_banner_options=aws.ec2clientvpn.EndpointClientLoginBannerOptionsArgs(
                enabled=True, banner_text=plan.login_banner),
            client_route_enforcement_options=aws.ec2clientvpn.EndpointClientRouteEnforcementOptionsArgs(
                enforced=True),
            self_service_portal="disabled", dns_servers=list(plan.dns_servers) or None,
            vpc_id=vpc_id, security_group_ids=[sg.id],
            tags=tag.name(logical_name(tag.environment, "client-vpn")), opts=child(self))
        associations = [
            aws.ec2clientvpn.NetworkAssociation(
                logical_name(name, "association", n), client_vpn_endpoint_id=endpoint.id, subnet_id=subnet,
                opts=child(self))
            for n, subnet in enumerate(subnet_ids)
        ]
        for island in plan.islands:
            aws.ec2clientvpn.AuthorizationRule(
                logical_name(name, "authorize", island.island), client_vpn_endpoint_id=endpoint.id,
                target_network_cidr=island.cidr, access_group_id=island.access_group_id,
                authorize_all_groups=None if island.access_group_id else True,
                description=f"VPN users into island {island.island}", opts=child(self))
            # The home VPC's own CIDR is routed by the association itself; others go via the TGW.
            if island.routed:
                for n, (subnet, association) in enumerate(zip(subnet_ids, associations, strict=True)):
                    aws.ec2clientvpn.Route(
                        logical_name(name, "route", island.island, n), client_vpn_endpoint_id=endpoint.id,
                        destination_cidr_block=island.cidr, target_vpc_subnet_id=subnet,
                        description=f"Island {island.island} through the home VPC",
                        opts=child(self, depends_on=[association]))
        self.endpoint_id, self.endpoint_arn, self.dns_name = endpoint.id, endpoint.arn, endpoint.dns_name
        self.security_group_id, self.log_group_name = sg.id, pulumi.Output.from_input(group_name)
