"""Every security-group rule says why it exists."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.ingress import DEFAULT_SG, SG, SG_RULE, VPC_EGRESS, VPC_INGRESS


def _blank(value: Any) -> bool:
    return not str(value or "").strip()


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if resource.type in (SG, DEFAULT_SG):
        for direction in ("ingress", "egress"):
            for i, entry in enumerate(resource.get(direction) or ()):
                if _blank(entry.get("description")):
                    where = f"{direction}[{i}].description"
                    yield Violation(f"{direction} rule {i} has no description", where)
    elif _blank(resource.get("description")):
        yield Violation("security group rule has no description", "description")


RULE = ResourceRule(
    id="sg_rule_has_description",
    title="Every security group rule has a description",
    description="A rule without a stated purpose cannot be reviewed and is never removed.",
    severity=Severity.LOW,
    frameworks={"seed": ("firewalled",)},
    remediation="Set description= on the rule to the flow it allows, e.g. 'web tier -> app tier on 8443'.",
    resource_types=(SG, DEFAULT_SG, SG_RULE, VPC_INGRESS, VPC_EGRESS),
    evaluate=evaluate,
)
