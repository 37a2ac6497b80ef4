"""IngressEdge: the public ALB (TLS 1.3, WAF) before the sensors and the internal ALB after them.

The seed's path: internet -> public ALB (terminates HTTPS) -> HTTP to the sensors -> internal ALB (HTTPS
again) -> application. The sensors' security group takes the public ALB's SG on the proxy port through
the firewall flow `public -> inspection http-proxy`; nothing here opens it a second time.
"""

from __future__ import annotations

from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from ..base import child, logical_name, type_token
from ..environment import Environment
from .fleet_plan import plan_fleet
from .ingress_plan import HTTPS_PORT, AlbPlan, IngressPlan, WafRulePlan, plan_ingress
from .spec import IdsSpec, IngressSpec, ingress_issues
from .targets import sensor_target_group


def _rule_visibility(metric: str) -> aws.wafv2.WebAclRuleVisibilityConfigArgs:
    return aws.wafv2.WebAclRuleVisibilityConfigArgs(
        cloudwatch_metrics_enabled=True, metric_name=metric, sampled_requests_enabled=True)


def _waf_rule(rule: WafRulePlan) -> aws.wafv2.WebAclRuleArgs:
    visibility = _rule_visibility(rule.metric_name)
    if rule.kind == "rate":
        return aws.wafv2.WebAclRuleArgs(
            name=rule.name, priority=rule.priority, visibility_config=visibility,
            action=aws.wafv2.WebAclRuleActionArgs(block=aws.wafv2.WebAclRuleActionBlockArgs()),
            statement=aws.wafv2.WebAclRuleStatementArgs(
                rate_based_statement=aws.wafv2.WebAclRuleStatementRateBasedStatementArgs(
                    aggregate_key_type="IP", limit=rule.limit)))
    return aws.wafv2.WebAclRuleArgs(
        name=rule.name, priority=rule.priority, visibility_config=visibility,
        override_action=aws.wafv2.WebAclRuleOverrideActionArgs(none=aws.wafv2.WebAclRuleOverrideActionNoneArgs()),
        statement=aws.wafv2.WebAclRuleStatementArgs(
            managed_rule_group_statement=aws.wafv2.WebAclRuleStatementManagedRuleGroupStatementArgs(
                name=rule.group, vendor_name="AWS")))


class IngressEdge(pulumi.ComponentResource):
    """Children: `<name>-public-alb`, `-http`, `-https`, `-web-acl`, `-web-acl-alb`, `-waf-logs`,
    `-waf-logging`, `-internal-alb`, `-internal-https`, `-app-targets` and, with sensors in mode
    alb-proxy, `-sensor-targets` (a public contract).

    The public HTTPS listener forwards to the sensors' target group when `sensors` (their IdsSpec, mode
    alb-proxy) and `sensor_vpc_id` are given: the edge owns that group and IdsFleet takes its ARN
    (`sensor_target_group_arn`), so neither component changes the other after creation. Without
    sensors, or in mode gwlb (the GWLB inspects on the route), it forwards to the app target group.
    """

    plan: IngressPlan
    alb_arn: pulumi.Output[str]
    dns_name: pulumi.Output[str]
    zone_id: pulumi.Output[str]
    web_acl_arn: pulumi.Output[str]
    waf_log_group_name: pulumi.Output[str]
    internal_alb_arn: pulumi.Output[str]
    internal_dns_name: pulumi.Output[str]
    upstream_url: pulumi.Output[str]
    app_target_group_arn: pulumi.Output[str]
    https_listener_arn: pulumi.Output[str]
    sensor_target_group_arn: pulumi.Output[str] | None

    def __init__(
        self,
        name: str,
        spec: IngressSpec,
        *,
        env: Environment,
        public_subnet_ids: Sequence[pulumi.Input[str]],
        public_security_group_id: pulumi.Input[str],
        app_vpc_id: pulumi.Input[str],
        app_subnet_ids: Sequence[pulumi.Input[str]],
        app_security_group_id: pulumi.Input[str],
        access_log_bucket_name: pulumi.Input[str],
        logs_key_arn: pulumi.Input[str],
        sensors: IdsSpec | None = None,
        sensor_vpc_id: pulumi.Input[str] | None = None,
        sensor_target_aliases: Sequence[pulumi.Input[str] | pulumi.Alias] = (),
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        tagging, production = env.tagging, env.production
        problems = [f"{p}: {m}" for p, m in ingress_issues(spec, production)]
        if not spec.enabled:
            problems.append("ingress.enabled: false; do not create IngressEdge for a disabled ingress")
        proxied = sensors is not None and sensors.mode == "alb-proxy"
        if proxied and sensor_vpc_id is None:
            problems.append("sensor_vpc_id: the sensors' target group (mode alb-proxy) lives in their VPC")
        if problems:  # config.py reports these first; this guard keeps direct library use just as safe
            raise ValueError("; ".join(problems))
        super().__init__(type_token("ids", "IngressEdge"), name, None, env.options(opts))
        self.plan = plan = plan_ingress(spec, tagging.environment)
        self._name, self._tag = name, tagging
        self._certificate_arn = spec.certificate_arn
        self._bucket = access_log_bucket_name
        public = self._alb(plan.public, public_subnet_ids, public_security_group_id)
        self._public = public
        self.alb_arn, self.dns_name, self.zone_id = public.arn, public.dns_name, public.zone_id
        aws.lb.Listener(  # plain HTTP exists only to send browsers to HTTPS
            logical_name(name, "http"), load_balancer_arn=public.arn, port=80, protocol="HTTP",
            default_actions=[aws.lb.ListenerDefaultActionArgs(
                type="redirect", redirect=aws.lb.ListenerDefaultActionRedirectArgs(
                    protocol="HTTPS", port=str(HTTPS_PORT), status_code="HTTP_301"))],
            tags=tagging.name(logical_name(plan.public.name, "http")), opts=child(self))
        self.web_acl_arn = self._waf(public, logs_key_arn)
        internal = self._alb(plan.internal, app_subnet_ids, app_security_group_id)
        self.internal_alb_arn, self.internal_dns_name = internal.arn, internal.dns_name
        self.upstream_url = internal.dns_name.apply(lambda host: f"https://{host}")
        app = aws.lb.TargetGroup(  # app teams register their targets (IP: instances, tasks or pods alike)
            logical_name(name, "app-targets"), name=plan.app_target_group_name, vpc_id=app_vpc_id,
            protocol="HTTPS", port=HTTPS_PORT, target_type="ip",
            health_check=aws.lb.TargetGroupHealthCheckArgs(
                protocol="HTTPS", path=plan.app_health_check_path, matcher="200-399"),
            tags=tagging.name(plan.app_target_group_name), opts=child(self))
        self.app_target_group_arn = app.arn
        self._https(logical_name(name, "internal-https"), internal, spec.internal_certificate_arn, app.arn,
                    plan.internal)
        self.sensor_target_group_arn = None
        forward: pulumi.Input[str] = app.arn
        if proxied:
            assert sensors is not None and sensor_vpc_id is not None
            targets = sensor_target_group(
                logical_name(name, "sensor-targets"), plan_fleet(sensors, env.name), sensor_vpc_id, tagging,
                child(self, aliases=list(sensor_target_aliases)))
            self.sensor_target_group_arn = forward = targets.arn
        self.https_listener_arn = self._https(logical_name(name, "https"), public, spec.certificate_arn, forward,
                                              plan.public).arn
        self.register_outputs({
            "albArn": self.alb_arn, "dnsName": self.dns_name, "webAclArn": self.web_acl_arn,
            "internalAlbArn": self.internal_alb_arn, "internalDnsName": self.internal_dns_name,
            "appTargetGroupArn": self.app_target_group_arn, "httpsListenerArn": self.https_listener_arn,
            "sensorTargetGroupArn": self.sensor_target_group_arn,
        })

    def _alb(self, alb: AlbPlan, subnets: Sequence[pulumi.Input[str]],
             security_group: pulumi.Input[str]) -> aws.lb.LoadBalancer:
        return aws.lb.LoadBalancer(
            logical_name(self._name, alb.key, "alb"), name=alb.name, load_balancer_type="application",
            internal=alb.internal, subnets=list(subnets), security_groups=[security_group],
            drop_invalid_header_fields=True, enable_deletion_protection=self.plan.deletion_protection,
            access_logs=aws.lb.LoadBalancerAccessLogsArgs(
                bucket=self._bucket, enabled=True, prefix=alb.access_log_prefix or None),
            tags=self._tag.name(alb.name, tier="public" if not alb.internal else "app"), opts=child(self))

    def _https(self, logical: str, alb: aws.lb.LoadBalancer, certificate: str | None,
               target_group_arn: pulumi.Input[str], alb_plan: AlbPlan) -> aws.lb.Listener:
        return aws.lb.Listener(
            logical, load_balancer_arn=alb.arn, port=HTTPS_PORT, protocol="HTTPS", certificate_arn=certificate,
            ssl_policy=self.plan.tls_policy,
            default_actions=[aws.lb.ListenerDefaultActionArgs(type="forward", target_group_arn=target_group_arn)],
            tags=self._tag.name(logical_name(alb_plan.name, "https")), opts=child(self))

    def _waf(self, public: aws.lb.LoadBalancer, logs_key_arn: pulumi.Input[str]) -> pulumi.Output[str]:
        plan, name = self.plan, self._name
        acl = aws.wafv2.WebAcl(
            logical_name(name, "web-acl"), name=plan.web_acl_name, scope="REGIONAL",
            description=f"Public edge of {plan.environment}: per-IP rate limit, AWS managed rules",
            default_action=aws.wafv2.WebAclDefaultActionArgs(allow=aws.wafv2.WebAclDefaultActionAllowArgs()),
            rules=[_waf_rule(r) for r in plan.rules],
            visibility_config=aws.wafv2.WebAclVisibilityConfigArgs(
                cloudwatch_metrics_enabled=True, metric_name=plan.web_acl_name, sampled_requests_enabled=True),
            tags=self._tag.name(plan.web_acl_name), opts=child(self))
        aws.wafv2.WebAclAssociation(logical_name(name, "web-acl-alb"), resource_arn=public.arn,
                                    web_acl_arn=acl.arn, opts=child(self))
        group = aws.cloudwatch.LogGroup(
            logical_name(name, "waf-logs"), name=plan.waf_log_group_name, kms_key_id=logs_key_arn,
            retention_in_days=plan.waf_log_retention_days, tags=self._tag.name(plan.waf_log_group_name),
            opts=child(self))
        self.waf_log_group_name = group.name
        aws.wafv2.WebAclLoggingConfiguration(
            logical_name(name, "waf-logging"), resource_arn=acl.arn, log_destination_configs=[group.arn],
            opts=child(self))
        return acl.arn
