"""CloudWatch log groups keep events at least ``min_retention_days``."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.audit import LOG_GROUP


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    days = resource.get("retentionInDays")
    if not days:  # unset or 0: events never expire
        if not config["allow_never_expire"]:
            yield Violation("log group never expires events; set an explicit retention", "retentionInDays")
        return
    if float(days) < config["min_retention_days"]:
        yield Violation(f"log group keeps events {float(days):g} days, less than "
                        f"{config['min_retention_days']}", "retentionInDays")


RULE = ResourceRule(
    id="log_group_retention",
    title="CloudWatch log groups retain events long enough",
    description=("Intrusions are often found months later; a log group that expires events early has "
                 "already deleted the evidence. No retention (never expire) keeps it and passes unless "
                 "a team forbids it for cost."),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("logging", "audited")},
    remediation="Set retention_in_days= to at least min_retention_days (365 by default), e.g. 400 or 731.",
    resource_types=(LOG_GROUP,),
    config={
        "min_retention_days": {"type": "integer", "default": 365, "minimum": 1,
                               "description": "shortest retention accepted, in days"},
        "allow_never_expire": {"type": "boolean", "default": True,
                               "description": "accept log groups without retention (events never expire)"},
    },
    evaluate=evaluate,
)
