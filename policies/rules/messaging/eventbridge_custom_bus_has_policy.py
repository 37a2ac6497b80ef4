"""Custom EventBridge event buses have a resource-based policy attached (EventBridge.3)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, UnknownValueError, Violation, each_resource

BUS = "aws:cloudwatch/eventBus:EventBus"
POLICY_TYPES = ("aws:cloudwatch/eventBusPolicy:EventBusPolicy", "aws:cloudwatch/eventPermission:EventPermission")


def _attaches(stack: StackView, policy: ResourceView, bus: ResourceView) -> bool:
    """The policy's eventBusName names the bus (by name or ARN, or by the engine's dependency record)."""
    if stack.refers_to(policy, "eventBusName", bus):
        return True
    try:
        named = policy.get("eventBusName")
    except UnknownValueError:
        return False  # refers_to already judged an unknown name by the engine's dependency record
    return named is not None and named in {bus.get("name"), bus.get("arn")}


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    policies = stack.of_type(*POLICY_TYPES)

    def check(bus: ResourceView) -> Iterator[Violation]:
        if bus.get("name") == "default" or bus.get("eventSourceName"):
            return  # the default bus and partner buses are not custom buses
        if not any(_attaches(stack, p, bus) for p in policies):
            yield Violation(f"custom event bus {bus.name} has no EventBusPolicy or EventPermission: who may "
                            "put events on it is left to every caller's own IAM policy", "policy")

    yield from each_resource(stack.of_type(BUS), check)


RULE = StackRule(
    id="eventbridge_custom_bus_has_policy",
    title="Custom EventBridge event buses have a resource-based policy attached",
    description=(
        "A resource policy on a custom event bus states which accounts and services may put events on it "
        "and limits cross-account access to the bus. AWS creates custom buses without one. The rule "
        "looks for an EventBusPolicy or EventPermission in the same stack naming the bus."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("EventBridge.3",), "seed": ("isolated-and-controlled",)},
    remediation=(
        "Add aws.cloudwatch.EventBusPolicy(..., event_bus_name=bus.name, policy=...) granting "
        "events:PutEvents only to the accounts or organization that publish to the bus."
    ),
    evaluate=evaluate,
)
