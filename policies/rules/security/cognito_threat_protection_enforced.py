"""Cognito user pools run threat protection in full-function (ENFORCED) mode for standard authentication."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    mode = (resource.get("userPoolAddOns") or {}).get("advancedSecurityMode") or "OFF"  # AWS's default: off
    allowed = ["ENFORCED", *(["AUDIT"] if config["accept_audit"] else [])]
    if mode not in allowed:
        yield Violation(f"threat protection (advanced_security_mode) is {mode!r}; {' or '.join(allowed)} required",
                        "userPoolAddOns.advancedSecurityMode")


RULE = ResourceRule(
    id="cognito_threat_protection_enforced",
    title="Cognito user pools have threat protection in ENFORCED mode for standard authentication",
    description=(
        "Threat protection (formerly advanced security) scores each sign-in for compromised credentials and "
        "risky context and, in ENFORCED mode, blocks or challenges it; AUDIT only publishes metrics and OFF "
        "(AWS's default) does neither, so credential stuffing against an internet-facing pool goes unanswered."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Cognito.1",), "seed": ("intrusion-detection", "secure-access")},
    remediation=(
        'Set user_pool_tier="PLUS" and user_pool_add_ons=aws.cognito.UserPoolUserPoolAddOnsArgs('
        'advanced_security_mode="ENFORCED") on aws.cognito.UserPool.'
    ),
    resource_types=("aws:cognito/userPool:UserPool",),
    config={"accept_audit": {"type": "boolean", "default": False,
                             "description": "also accept AUDIT mode (FSBP's SecurityMode parameter set to AUDIT)"}},
    evaluate=evaluate,
)
