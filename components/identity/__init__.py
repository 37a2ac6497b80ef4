"""Identity domain: CIS password policy, job-function groups and MFA roles, support role, users."""

from .identity import Identity
from .spec import IdentitySpec, PasswordPolicySpec, UserSpec

__all__ = [
    "Identity",
    "IdentitySpec",
    "PasswordPolicySpec",
    "UserSpec",
]
