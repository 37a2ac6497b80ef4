"""Cognito user pool password policies are strong (FSBP Cognito.3 defaults)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

REQUIREMENTS = ("requireLowercase", "requireUppercase", "requireNumbers", "requireSymbols")
_SNAKE = {"requireLowercase": "require_lowercase", "requireUppercase": "require_uppercase",
          "requireNumbers": "require_numbers", "requireSymbols": "require_symbols"}


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    policy = resource.get("passwordPolicy")
    if policy is None:
        return  # AWS's default policy: 8 characters, all four classes, 7-day temporary passwords
    length = policy.get("minimumLength")
    if length is not None and float(length) < config["min_length"]:
        yield Violation(f"minimum_length is {float(length):g}, below {config['min_length']}",
                        "passwordPolicy.minimumLength")
    for key in REQUIREMENTS:
        if policy.get(key) is not True:
            # Once password_policy is declared, an omitted requirement is sent as false.
            yield Violation(f"{_SNAKE[key]} is {policy.get(key)!r}; True required", f"passwordPolicy.{key}")
    days = policy.get("temporaryPasswordValidityDays")
    if days is not None and float(days) > config["max_temporary_days"]:
        yield Violation(f"temporary_password_validity_days is {float(days):g}, above {config['max_temporary_days']}",
                        "passwordPolicy.temporaryPasswordValidityDays")


RULE = ResourceRule(
    id="cognito_user_pool_password_policy",
    title="Cognito user pool password policies require strong passwords",
    description=(
        "Weak password rules let guessing and credential stuffing succeed against the pool's sign-in page. "
        "Requires at least min_length characters, lower- and upper-case letters, numbers and symbols, and "
        "temporary passwords valid for at most max_temporary_days. A pool without password_policy gets AWS's "
        "default, which meets these settings; once password_policy is declared every requirement must be set."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Cognito.3",), "seed": ("user-management", "secure-access")},
    remediation=(
        "Set password_policy=aws.cognito.UserPoolPasswordPolicyArgs(minimum_length=14, require_lowercase=True, "
        "require_uppercase=True, require_numbers=True, require_symbols=True, temporary_password_validity_days=7) "
        "on aws.cognito.UserPool."
    ),
    resource_types=("aws:cognito/userPool:UserPool",),
    config={
        "min_length": {"type": "integer", "default": 8, "minimum": 6, "maximum": 99,
                       "description": "the shortest acceptable minimum_length (FSBP default 8)"},
        "max_temporary_days": {"type": "integer", "default": 7, "minimum": 1, "maximum": 365,
                               "description": "the longest acceptable temporary password validity in days"},
    },
    evaluate=evaluate,
)
