"""EventBridge event bus policies and permissions do not let any account put events."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.messaging import PUBLIC_POLICY_CONFIG, public_policy_violations

PERMISSION = "aws:cloudwatch/eventPermission:EventPermission"


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if resource.type != PERMISSION:
        yield from public_policy_violations(resource, config, "event bus")
        return
    if str(resource.get("principal") or "").strip() != "*":
        return
    condition = resource.get("condition") or {}
    # An EventPermission condition is always a StringEquals on aws:PrincipalOrgID.
    if not str(condition.get("value") or "").strip() or str(condition.get("value")).strip() == "*":
        yield Violation("EventPermission grants principal \"*\" without an aws:PrincipalOrgID condition: any "
                        "AWS account may put events on the bus", "principal")


RULE = ResourceRule(
    id="eventbridge_bus_policy_no_public_access",
    title="EventBridge event bus policies do not allow a public principal",
    description=(
        "A bus policy statement (or EventPermission) for Principal '*' without a condition pinning the "
        "caller's organization or account lets any AWS account inject events that trigger the bus's "
        "rules and targets. (No FSBP control covers this; EventBridge.3 only asks that a policy exists.)"
    ),
    severity=Severity.HIGH,
    frameworks={"seed": ("isolated-and-controlled",)},
    remediation=(
        "Name the publishing accounts in the EventBusPolicy statement, or add {'StringEquals': "
        "{'aws:PrincipalOrgID': org_id}}; on an EventPermission set principal= to an account id or "
        "condition=aws.cloudwatch.EventPermissionConditionArgs(key=\"aws:PrincipalOrgID\", type=\"StringEquals\", "
        "value=org_id)."
    ),
    resource_types=("aws:cloudwatch/eventBusPolicy:EventBusPolicy", PERMISSION),
    config=PUBLIC_POLICY_CONFIG,
    evaluate=evaluate,
)
