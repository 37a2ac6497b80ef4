"""Cognito user pools with threat protection ENFORCED also enforce it for custom authentication flows."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    add_ons = resource.get("userPoolAddOns") or {}
    if add_ons.get("advancedSecurityMode") != "ENFORCED":
        return  # threat protection off or in audit: cognito_threat_protection_enforced reports it
    mode = (add_ons.get("advancedSecurityAdditionalFlows") or {}).get("customAuthMode")
    if mode != "ENFORCED":
        yield Violation(f"threat protection is ENFORCED for standard sign-in but custom_auth_mode is {mode!r}; "
                        "ENFORCED required", "userPoolAddOns.advancedSecurityAdditionalFlows.customAuthMode")


RULE = ResourceRule(
    id="cognito_threat_protection_custom_auth",
    title="Cognito user pools enforce threat protection for custom authentication",
    description=(
        "Custom authentication (define/create/verify auth challenge Lambdas) is a second way in; with "
        "custom_auth_mode unset or AUDIT, risky sign-ins through it are only counted. Judged on pools whose "
        "standard threat protection is already ENFORCED, so a pool with threat protection off gets one "
        "finding (from cognito_threat_protection_enforced), not two."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Cognito.4",), "seed": ("intrusion-detection", "secure-access")},
    remediation=(
        'Add advanced_security_additional_flows=aws.cognito.UserPoolUserPoolAddOnsAdvancedSecurityAdditionalFlowsArgs('
        'custom_auth_mode="ENFORCED") to the pool\'s user_pool_add_ons.'
    ),
    resource_types=("aws:cognito/userPool:UserPool",),
    evaluate=evaluate,
)
