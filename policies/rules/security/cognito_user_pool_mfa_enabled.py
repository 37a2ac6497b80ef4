"""Cognito user pools that sign in with passwords require MFA."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def _passwordless(resource: ResourceView) -> bool:
    """The pool allows first factors other than PASSWORD (passkeys, email or SMS one-time codes)."""
    factors = (resource.get("signInPolicy") or {}).get("allowedFirstAuthFactors") or ()
    return any(str(f) != "PASSWORD" for f in factors)


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if _passwordless(resource):
        return  # FSBP Cognito.5 applies to password-only sign-in policies
    mode = resource.get("mfaConfiguration") or "OFF"  # AWS's default
    allowed = ["ON", *(["OPTIONAL"] if config["accept_optional"] else [])]
    if mode not in allowed:
        yield Violation(f"mfa_configuration is {mode!r}; {' or '.join(allowed)} required", "mfaConfiguration")


RULE = ResourceRule(
    id="cognito_user_pool_mfa_enabled",
    title="Cognito user pools with password sign-in require MFA",
    description=(
        "A stolen or guessed password is enough to sign in to a pool without MFA. AWS's default is OFF; "
        "OPTIONAL leaves it to each user, so most accounts stay single-factor. Pools whose sign-in policy "
        "allows passwordless first factors (passkeys, one-time codes) are not judged, as in FSBP Cognito.5."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Cognito.5",), "seed": ("one-time-password", "secure-access")},
    remediation=(
        'Set mfa_configuration="ON" with software_token_mfa_configuration=aws.cognito.'
        "UserPoolSoftwareTokenMfaConfigurationArgs(enabled=True) on aws.cognito.UserPool."
    ),
    resource_types=("aws:cognito/userPool:UserPool",),
    config={"accept_optional": {"type": "boolean", "default": False,
                                "description": "also accept mfa_configuration OPTIONAL (users opt in)"}},
    evaluate=evaluate,
)
