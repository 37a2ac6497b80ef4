"""Auto Scaling groups behind a load balancer use its health checks (FSBP AutoScaling.1)."""

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource, unknown_path

ASG = "aws:autoscaling/group:Group"
ATTACHMENTS = (
    "aws:autoscaling/attachment:Attachment",
    "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment",
)


def _attached(stack: StackView, group: ResourceView) -> bool:
    name, _ = unknown_path(partial(group.get, "name"))
    for attachment in stack.of_type(*ATTACHMENTS):
        if stack.refers_to(attachment, "autoscalingGroupName", group):
            return True
        value, _ = unknown_path(partial(attachment.get, "autoscalingGroupName"))
        if name is not None and value == name:
            return True
    return False


def _check(stack: StackView, group: ResourceView) -> Iterator[Violation]:
    behind = bool(group.get("loadBalancers") or group.get("targetGroupArns") or group.get("trafficSources")) \
        or _attached(stack, group)
    if not behind:
        return
    kind = group.get("healthCheckType")
    if str(kind or "EC2").upper() not in {"ELB", "VPC_LATTICE"}:
        shown = "left out (AWS default: EC2)" if kind is None else repr(kind)
        yield Violation(f"the group serves a load balancer but healthCheckType is {shown}, so instances the "
                        "load balancer marks unhealthy keep running; the rule demands ELB", "healthCheckType",
                        group.urn)


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from each_resource(stack.of_type(ASG), lambda group: _check(stack, group))


RULE = StackRule(
    id="asg_elb_health_check",
    title="Auto Scaling groups associated with a load balancer use ELB health checks",
    description=(
        "With EC2 health checks only a stopped instance is replaced; one whose application fails the "
        "load balancer's checks stays in the group. Groups count as associated through load_balancers, "
        "target_group_arns, traffic_sources, or an aws.autoscaling.Attachment / TrafficSourceAttachment "
        "in the stack."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("AutoScaling.1",), "seed": ("high-availability",)},
    remediation='Set health_check_type="ELB" (and health_check_grace_period=) on aws.autoscaling.Group.',
    evaluate=evaluate,
)
