"""ECS task definitions do not use the host network mode (FSBP ECS.17)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.containers import TASK_DEFINITION


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    mode = resource.get("networkMode")
    if isinstance(mode, str) and mode.lower() == "host":
        yield Violation("networkMode is 'host': containers share the instance's network stack, bypass task "
                        "security groups and can bind any host port; the rule demands awsvpc or bridge",
                        "networkMode")


RULE = ResourceRule(
    id="ecs_task_no_host_network_mode",
    title="ECS task definitions do not use host network mode",
    description=(
        "In host mode a container sees every interface of the EC2 host, can sniff or spoof its traffic and "
        "reach IMDS and other tasks' ports directly; no per-task security group applies. Left out, "
        "networkMode defaults to bridge on EC2 (awsvpc on Fargate), which passes. FSBP ECS.17 replaces "
        "the retired ECS.1."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ECS.17",), "seed": ("isolated-and-controlled",)},
    remediation='Set network_mode="awsvpc" on aws.ecs.TaskDefinition (and give the service a '
                "network_configuration with private subnets and a security group).",
    resource_types=(TASK_DEFINITION,),
    evaluate=evaluate,
)
