"""Secrets Manager secrets keep a recovery window: recovery_window_in_days is not 0 (force delete)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    days = resource.get("recoveryWindowInDays")
    if days is not None and float(days) < config["min_days"]:  # unset means AWS's 30 days
        what = "0: the secret is deleted at once, with no way back" if float(days) == 0 else f"{float(days):g}"
        yield Violation(f"recovery_window_in_days is {what}; at least {config['min_days']} required",
                        "recoveryWindowInDays")


RULE = ResourceRule(
    id="secretsmanager_recovery_window",
    title="Secrets Manager secrets keep a recovery window before deletion",
    description=(
        "recovery_window_in_days=0 makes `pulumi destroy` (or a replacement) delete the secret immediately: "
        "whatever still reads it breaks and the value cannot be restored. AWS's default window is 30 days; "
        "7 to 30 lets a mistaken delete be cancelled."
    ),
    severity=Severity.LOW,
    frameworks={"seed": ("high-availability",)},
    remediation="Remove recovery_window_in_days=0 from aws.secretsmanager.Secret (or set 7 to 30).",
    resource_types=("aws:secretsmanager/secret:Secret",),
    config={"min_days": {"type": "integer", "default": 7, "minimum": 0, "maximum": 30,
                         "description": "the shortest acceptable recovery window in days"}},
    evaluate=evaluate,
)
