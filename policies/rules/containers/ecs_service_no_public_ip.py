"""ECS services and task sets do not hand their tasks public IPs (FSBP ECS.2, ECS.16)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.containers import ECS_SERVICE, ECS_TASK_SET, is_true


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    network = resource.get("networkConfiguration")
    if network and is_true(network.get("assignPublicIp")):
        what = "service" if resource.type == ECS_SERVICE else "task set"
        yield Violation(f"{what} sets assignPublicIp=true, so every task's ENI gets a public address; the rule "
                        "demands false (the AWS default) and private subnets",
                        "networkConfiguration.assignPublicIp")


RULE = ResourceRule(
    id="ecs_service_no_public_ip",
    title="ECS services and task sets do not assign public IPs to tasks",
    description=(
        "A public IP on a task's ENI in a public subnet makes the container directly reachable from the "
        "internet, around the load balancer and WAF, one security-group mistake from exposure. "
        "assignPublicIp defaults to false; only an explicit true fails. FSBP ECS.2 covers services, ECS.16 "
        "task sets."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("ECS.2", "ECS.16"), "seed": ("isolated-and-controlled",)},
    remediation="Set network_configuration={\"assign_public_ip\": False, \"subnets\": <private subnet ids>} on "
                "aws.ecs.Service / aws.ecs.TaskSet; reach the internet through a NAT gateway or VPC endpoints "
                "and publish through a load balancer.",
    resource_types=(ECS_SERVICE, ECS_TASK_SET),
    evaluate=evaluate,
)
