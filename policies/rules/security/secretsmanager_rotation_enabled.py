"""Every Secrets Manager secret has automatic rotation (an aws.secretsmanager.SecretRotation) on a short schedule."""

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.security import owned_by

SECRET = "aws:secretsmanager/secret:Secret"
ROTATION = "aws:secretsmanager/secretRotation:SecretRotation"
_RATE = re.compile(r"^rate\(\s*(\d+)\s+(hour|hours|day|days)\s*\)$", re.IGNORECASE)
_CRON = re.compile(r"^cron\((.*)\)$", re.IGNORECASE)


def _schedule_gap(rotation: ResourceView, max_days: int) -> str | None:
    """Why the rotation's schedule is not within ``max_days`` (None when it is)."""
    rules = rotation.get("rotationRules") or {}
    days = rules.get("automaticallyAfterDays")
    expression = str(rules.get("scheduleExpression") or "").strip()
    if days is not None:
        return None if float(days) <= max_days else f"automatically_after_days is {float(days):g}"
    if rate := _RATE.match(expression):
        amount = int(rate[1]) / (24 if rate[2].lower().startswith("hour") else 1)
        return None if amount <= max_days else f"schedule_expression {expression!r} is every {amount:g} days"
    if cron := _CRON.match(expression):
        fields = cron[1].split()
        # Fields: minutes hours day-of-month month day-of-week year; every month fires at least monthly.
        if len(fields) >= 4 and fields[3] in ("*", "?") and max_days >= 31:
            return None
        return f"schedule_expression {expression!r} may fire less often than every {max_days} days"
    return f"rotation_rules sets no schedule ({expression!r})" if expression else "rotation_rules sets no schedule"


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    rotations = stack.of_type(ROTATION)
    max_days = config["max_rotation_days"]

    def check(secret: ResourceView) -> Iterator[Violation]:
        mine = [r for r in rotations if owned_by(stack, r, "secretId", secret)]
        active = [r for r in mine if r.get("rotationEnabled") is not False]
        if not active:
            why = "its SecretRotation sets rotation_enabled=False" if mine else "no SecretRotation names it"
            yield Violation(f"secret {secret.name} does not rotate automatically: {why} (AWS does not rotate "
                            "secrets by default)")
            return
        gaps = [gap for r in active if (gap := _schedule_gap(r, max_days))]
        if len(gaps) == len(active):
            yield Violation(f"secret {secret.name} rotates, but {gaps[0]}; at most every {max_days} days required",
                            None)

    yield from each_resource(stack.of_type(SECRET), check)


RULE = StackRule(
    id="secretsmanager_rotation_enabled",
    title="Secrets Manager secrets rotate automatically at least every 90 days",
    description=(
        "A secret that never changes stays valid for as long as whoever copied it from a log, a laptop or a "
        "former colleague's shell history keeps it. Each aws.secretsmanager.Secret needs an "
        "aws.secretsmanager.SecretRotation (rotation_enabled not False) whose rotation_rules rotate at least "
        "every max_rotation_days: automatically_after_days, rate(...) or a cron(...) that fires every month. "
        "Whether rotation then succeeds (SecretsManager.2) is only known after deploy."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("SecretsManager.1", "SecretsManager.4"), "seed": ("secure-access",)},
    remediation=(
        "Add aws.secretsmanager.SecretRotation(secret_id=secret.id, rotation_lambda_arn=rotator.arn, "
        "rotation_rules=aws.secretsmanager.SecretRotationRotationRulesArgs(automatically_after_days=30)); for "
        "RDS master passwords prefer manage_master_user_password=True, which AWS rotates itself."
    ),
    config={"max_rotation_days": {"type": "integer", "default": 90, "minimum": 1, "maximum": 1000,
                                  "description": "the longest acceptable rotation interval in days"}},
    evaluate=evaluate,
)
