"""The sensors' target group: owned by IngressEdge in mode alb-proxy, by IdsFleet in mode gwlb."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from ..base import Tagging
from .fleet_plan import HEALTH_CHECK_PATH, FleetPlan


def sensor_target_group(logical: str, plan: FleetPlan, vpc_id: pulumi.Input[str], tagging: Tagging,
                        opts: pulumi.ResourceOptions) -> aws.lb.TargetGroup:
    """Instance targets on the proxy port (HTTP health check), or GENEVE 6081 behind a GWLB (TCP check)."""
    if plan.mode == "gwlb":
        # GENEVE carries no HTTP to check; the sensors' nginx answers TCP on the proxy port.
        check = aws.lb.TargetGroupHealthCheckArgs(protocol="TCP", port=str(plan.proxy_port), interval=10)
    else:
        check = aws.lb.TargetGroupHealthCheckArgs(
            protocol="HTTP", port="traffic-port", path=HEALTH_CHECK_PATH, matcher="200", interval=15,
            healthy_threshold=2, unhealthy_threshold=3)
    return aws.lb.TargetGroup(
        logical, name=plan.target_group_name, vpc_id=vpc_id, protocol=plan.target_protocol, port=plan.target_port,
        target_type="instance", health_check=check, deregistration_delay=30,
        tags=tagging.name(plan.target_group_name), opts=opts)
