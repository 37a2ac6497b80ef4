"""Classic load balancers drain connections from deregistering instances."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import CLASSIC_LOAD_BALANCERS, is_true


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    value = resource.get("connectionDraining")
    if not is_true(value):
        shown = "not set (AWS default: off)" if value is None else f"{value}"
        yield Violation(f"classic load balancer connection_draining is {shown}; the rule demands True",
                        "connectionDraining")


RULE = ResourceRule(
    id="elb_classic_connection_draining",
    title="Classic load balancers have connection draining enabled",
    description=(
        "Without draining, requests in flight to an instance that is deregistered or scaled in are cut "
        "off mid-response. Classic load balancers leave it off unless asked."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("high-availability",), "aws-fsbp": ("ELB.7",)},
    remediation="Set connection_draining=True (and connection_draining_timeout=) on the aws.elb.LoadBalancer, "
                "or move to aws.lb.LoadBalancer, whose target groups always drain.",
    resource_types=CLASSIC_LOAD_BALANCERS,
    evaluate=evaluate,
)
