"""IdsFleet: Snort 3 sensors in the inspection subnets, behind the public ALB (alb-proxy) or a GWLB (gwlb)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from ..base import AccountContext, child, logical_name, type_token
from ..environment import Environment
from .fleet_plan import (
    ALERT_METRIC,
    ALERT_PATTERN,
    IDS_NAMESPACE,
    ROOT_DEVICE,
    FleetPlan,
    plan_fleet,
    plan_gwlb_routes,
)
from .spec import IdsSpec, ids_issues
from .targets import sensor_target_group
from .userdata import SensorSettings, render_user_data_base64

#: The log groups the sensors write (SensorSettings.log_groups keys).
SENSOR_LOGS = ("snort", "hids", "antivirus", "nginx")
#: settings -> the launch template's user_data (base64; the real renderer gzips to fit EC2's 16 KiB).
Render = Callable[[Any], str]


def _default_render(settings: SensorSettings) -> str:
    return render_user_data_base64(settings)


@dataclass(frozen=True)
class GwlbRouting:
    """Where mode gwlb puts its endpoints and routes (fleet_plan's docstring lists every route).

    Lists are per AZ, in the same AZ order. `protected_route_table_ids` is the public tier's table (one,
    shared) or tables (one per public subnet); `protected_subnet_cidrs` are the public subnets' CIDRs.
    """

    vpc_id: pulumi.Input[str]
    internet_gateway_id: pulumi.Input[str]
    endpoint_subnet_ids: Sequence[pulumi.Input[str]]
    endpoint_route_table_ids: Sequence[pulumi.Input[str]]
    protected_subnet_cidrs: Sequence[str]
    protected_route_table_ids: Sequence[pulumi.Input[str]]


class IdsFleet(pulumi.ComponentResource):
    """Children: `<name>-template`, `-group`, `-alerts-filter`, `-alerts-alarm`; mode gwlb adds its GENEVE
    `-targets`, `-gwlb`, `-gwlb-listener`, `-endpoint-service`, `-endpoint-<i>`, `-edge-rt`, `-edge-rt-igw`
    and `-route-<key>` (a public contract). In mode alb-proxy the sensors register into the edge's target
    group (`target_group_arn`, IngressEdge.sensor_target_group_arn)."""

    plan: FleetPlan
    launch_template_id: pulumi.Output[str]
    group_name: pulumi.Output[str]
    target_group_arn: pulumi.Output[str]
    alarm_arn: pulumi.Output[str]
    gateway_arn: pulumi.Output[str] | None
    endpoint_service_name: pulumi.Output[str] | None
    endpoint_ids: list[pulumi.Output[str]]

    def __init__(
        self,
        name: str,
        spec: IdsSpec,
        *,
        env: Environment,
        vpc_id: pulumi.Input[str],
        subnet_ids: Sequence[pulumi.Input[str]],
        security_group_id: pulumi.Input[str],
        data_key_arn: pulumi.Input[str],
        instance_profile_name: pulumi.Input[str],
        instance_tags: Mapping[str, str],
        log_group_names: Mapping[str, pulumi.Input[str]],
        alerts_topic_arn: pulumi.Input[str],
        upstream_url: pulumi.Input[str] | None = None,
        upstream_tls_name: str | None = None,
        gwlb_routing: GwlbRouting | None = None,
        target_group_arn: pulumi.Input[str] | None = None,
        render: Render | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        account, tagging, production = env.account, env.tagging, env.production
        problems = [f"{p}: {m}" for p, m in ids_issues(spec, production)]
        missing = [k for k in SENSOR_LOGS if k not in log_group_names]
        if missing:
            problems.append(f"log_group_names: missing {missing} (keys: {list(SENSOR_LOGS)})")
        if not subnet_ids:
            problems.append("subnet_ids: the sensors need at least one inspection subnet")
        if spec.mode == "alb-proxy" and upstream_url is None:
            problems.append("upstream_url: mode alb-proxy passes inspected traffic on to it (the internal ALB)")
        if spec.mode == "alb-proxy" and target_group_arn is None:
            problems.append("target_group_arn: mode alb-proxy registers the sensors in the edge's target group "
                            "(IngressEdge.sensor_target_group_arn)")
        if spec.mode == "gwlb" and target_group_arn is not None:
            problems.append("target_group_arn: mode gwlb makes its own GENEVE target group; pass none")
        if spec.mode == "gwlb" and gwlb_routing is None:
            problems.append("gwlb_routing: mode gwlb needs the endpoint subnets and route tables")
        if problems:  # config.py reports spec issues first; this keeps direct library use just as safe
            raise ValueError("; ".join(problems))
        super().__init__(type_token("ids", "IdsFleet"), name, None, env.options(opts))
        self.plan = plan = plan_fleet(spec, tagging.environment)
        self._name, self._tag, self._upstream_tls_name = name, tagging, upstream_tls_name
        # alb-proxy: the edge owns the target group its HTTPS listener forwards to (no cycle between the
        # two); gwlb: the GENEVE target group belongs to the fleet's own Gateway Load Balancer.
        self.target_group = None if target_group_arn is not None else sensor_target_group(
            logical_name(name, "targets"), plan, vpc_id, tagging, child(self))
        self.target_group_arn = pulumi.Output.from_input(
            target_group_arn if target_group_arn is not None else self.target_group.arn)  # type: ignore[union-attr]
        template = self._launch_template(
            security_group_id, data_key_arn, instance_profile_name, instance_tags,
            self._user_data(account, log_group_names, upstream_url, render or _default_render))
        self.launch_template_id = template.id
        tags = tagging.name(plan.group_name, **instance_tags, role="ids-sensor")
        group = aws.autoscaling.Group(
            logical_name(name, "group"), name=plan.group_name, vpc_zone_identifiers=list(subnet_ids),
            min_size=plan.min_size, max_size=plan.max_size, desired_capacity=plan.desired_size,
            launch_template=aws.autoscaling.GroupLaunchTemplateArgs(
                id=template.id, version=template.latest_version.apply(str)),
            target_group_arns=[self.target_group_arn], health_check_type="ELB",
            health_check_grace_period=plan.health_check_grace_seconds,
            # A numbered version (not $Latest) makes each template change start a rolling refresh.
            instance_refresh=aws.autoscaling.GroupInstanceRefreshArgs(
                strategy="Rolling",
                preferences=aws.autoscaling.GroupInstanceRefreshPreferencesArgs(min_healthy_percentage=50)),
            tags=[aws.autoscaling.GroupTagArgs(key=k, value=v, propagate_at_launch=True) for k, v in tags.items()],
            opts=child(self))
        self.group_name = group.name
        self.alarm_arn = self._alerts(log_group_names["snort"], alerts_topic_arn)
        self.gateway_arn = self.endpoint_service_name = None
        self.endpoint_ids = []
        if gwlb_routing is not None and plan.mode == "gwlb":
            self._gateway(subnet_ids, gwlb_routing, account)
        self.register_outputs({
            "launchTemplateId": self.launch_template_id, "groupName": self.group_name,
            "targetGroupArn": self.target_group_arn, "alarmArn": self.alarm_arn,
            "gatewayArn": self.gateway_arn, "endpointIds": self.endpoint_ids,
        })

    def _user_data(self, account: AccountContext, log_groups: Mapping[str, pulumi.Input[str]],
                   upstream_url: pulumi.Input[str] | None, render: Render) -> pulumi.Output[str]:
        plan = self.plan

        def rendered(values: list[Any]) -> str:
            upstream, *names = values
            settings = SensorSettings(**{
                "environment": plan.environment, "region": account.region, "mode": plan.mode,
                "proxy_port": plan.proxy_port, "rate_limit_per_second": plan.rate_limit_per_second,
                "rate_limit_burst": plan.rate_limit_burst, "log_groups": dict(zip(SENSOR_LOGS, names, strict=True)),
                "wazuh_manager": plan.wazuh_manager, "golden_image": plan.golden_image,
                "upstream_tls_name": self._upstream_tls_name,
                # gwlb sensors are transparent: no upstream, the renderer's default stays unused.
                **({"upstream_url": upstream} if upstream else {}),
            })
            return render(settings)

        return pulumi.Output.all(upstream_url or "", *(log_groups[k] for k in SENSOR_LOGS)).apply(rendered)

    def _launch_template(self, security_group_id: pulumi.Input[str], key_arn: pulumi.Input[str],
                         profile: pulumi.Input[str], instance_tags: Mapping[str, str],
                         user_data: pulumi.Output[str]) -> aws.ec2.LaunchTemplate:
        plan, tag = self.plan, self._tag
        instance = tag.of(plan.group_name, **instance_tags, role="ids-sensor")
        return aws.ec2.LaunchTemplate(
            logical_name(self._name, "template"), name=plan.launch_template_name,
            description=f"Snort 3 IDS sensor ({plan.mode}) of {plan.environment}",
            image_id=plan.image_id, instance_type=plan.instance_type, user_data=user_data,
            iam_instance_profile=aws.ec2.LaunchTemplateIamInstanceProfileArgs(name=profile),
            metadata_options=aws.ec2.LaunchTemplateMetadataOptionsArgs(
                http_endpoint="enabled", http_tokens="required", http_put_response_hop_limit=1,
                instance_metadata_tags="disabled"),
            block_device_mappings=[aws.ec2.LaunchTemplateBlockDeviceMappingArgs(
                device_name=ROOT_DEVICE, ebs=aws.ec2.LaunchTemplateBlockDeviceMappingEbsArgs(
                    volume_type="gp3", volume_size=plan.volume_size_gb, encrypted="true", kms_key_id=key_arn,
                    delete_on_termination="true"))],
            network_interfaces=[aws.ec2.LaunchTemplateNetworkInterfaceArgs(
                device_index=0, associate_public_ip_address="false", security_groups=[security_group_id],
                delete_on_termination="true")],
            monitoring=aws.ec2.LaunchTemplateMonitoringArgs(enabled=plan.detailed_monitoring),
            tag_specifications=[aws.ec2.LaunchTemplateTagSpecificationArgs(resource_type=kind, tags=instance)
                                for kind in ("instance", "volume", "network-interface")],
            update_default_version=True, tags=tag.name(plan.launch_template_name), opts=child(self))

    def _alerts(self, snort_group: pulumi.Input[str], topic_arn: pulumi.Input[str]) -> pulumi.Output[str]:
        plan = self.plan
        aws.cloudwatch.LogMetricFilter(
            logical_name(self._name, "alerts-filter"), name=plan.alert_filter_name, log_group_name=snort_group,
            pattern=ALERT_PATTERN, metric_transformation=aws.cloudwatch.LogMetricFilterMetricTransformationArgs(
                name=ALERT_METRIC, namespace=IDS_NAMESPACE, value="1", default_value="0"),
            opts=child(self))
        alarm = aws.cloudwatch.MetricAlarm(
            logical_name(self._name, "alerts-alarm"), name=plan.alarm_name,
            alarm_description=f"Snort raised at least {plan.alert_threshold} alert(s) in 5 minutes",
            namespace=IDS_NAMESPACE, metric_name=ALERT_METRIC, statistic="Sum", period=300, evaluation_periods=1,
            threshold=plan.alert_threshold, comparison_operator="GreaterThanOrEqualToThreshold",
            treat_missing_data="notBreaching", actions_enabled=True, alarm_actions=[topic_arn],
            tags=self._tag.name(plan.alarm_name), opts=child(self))
        return alarm.arn

    def _gateway(self, subnet_ids: Sequence[pulumi.Input[str]], routing: GwlbRouting,
                 account: AccountContext) -> None:
        plan, tag, name = self.plan, self._tag, self._name
        gwlb = aws.lb.LoadBalancer(
            logical_name(name, "gwlb"), name=plan.gateway_name, load_balancer_type="gateway",
            subnets=list(subnet_ids), tags=tag.name(plan.gateway_name), opts=child(self))
        aws.lb.Listener(  # a gateway listener has neither port nor protocol: it takes every flow (GENEVE)
            logical_name(name, "gwlb-listener"), load_balancer_arn=gwlb.arn,
            default_actions=[aws.lb.ListenerDefaultActionArgs(type="forward", target_group_arn=self.target_group_arn)],
            tags=tag.name(logical_name(plan.gateway_name, "listener")), opts=child(self))
        service = aws.ec2.VpcEndpointService(
            logical_name(name, "endpoint-service"), acceptance_required=False,
            allowed_principals=[account.root_arn], gateway_load_balancer_arns=[gwlb.arn],
            tags=tag.name(plan.endpoint_service_name), opts=child(self))
        self.gateway_arn, self.endpoint_service_name = gwlb.arn, service.service_name
        endpoints = [
            aws.ec2.VpcEndpoint(
                logical_name(name, "endpoint", i), vpc_id=routing.vpc_id, vpc_endpoint_type="GatewayLoadBalancer",
                service_name=service.service_name, subnet_ids=[subnet],
                tags=tag.name(logical_name(plan.endpoint_service_name, i)), opts=child(self))
            for i, subnet in enumerate(routing.endpoint_subnet_ids)
        ]
        self.endpoint_ids = [e.id for e in endpoints]
        edge = aws.ec2.RouteTable(logical_name(name, "edge-rt"), vpc_id=routing.vpc_id,
                                  tags=tag.name(logical_name(plan.gateway_name, "edge")), opts=child(self))
        aws.ec2.RouteTableAssociation(logical_name(name, "edge-rt-igw"), gateway_id=routing.internet_gateway_id,
                                      route_table_id=edge.id, opts=child(self))
        tables: dict[str, list[pulumi.Input[str]]] = {
            "edge": [edge.id], "protected": list(routing.protected_route_table_ids),
            "endpoint": list(routing.endpoint_route_table_ids)}
        for route in plan_gwlb_routes(routing.protected_subnet_cidrs, len(tables["protected"]),
                                      len(tables["endpoint"]), len(endpoints)):
            target = ({"vpc_endpoint_id": endpoints[route.endpoint_index].id} if route.target == "endpoint"
                      else {"gateway_id": routing.internet_gateway_id})
            aws.ec2.Route(logical_name(name, "route", route.key), route_table_id=tables[route.table][route.table_index],
                          destination_cidr_block=route.destination, opts=child(self), **target)
