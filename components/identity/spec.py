"""Input contract of the identity domain (`landing-zone:identity`): password policy, roles, people."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, field_validator

from ..spec_base import Spec

JobFunction = Literal["administrators", "operators", "developers", "auditors"]
JOB_FUNCTIONS: tuple[JobFunction, ...] = ("administrators", "operators", "developers", "auditors")

#: CIS AWS Foundations v3.0 1.8 (length >= 14) and 1.9 (reuse prevention, 24 is IAM's maximum);
#: max age 90 days and all four character classes are the landing zone's own floor.
MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH = 14, 128
REUSE_PREVENTION = 24
MAX_PASSWORD_AGE_DAYS = 90
#: IAM user names: letters, digits and + = , . @ _ -, at most 64 characters.
USER_NAME_RE = re.compile(r"^[A-Za-z0-9+=,.@_-]{1,64}$")
MAX_SESSION_HOURS = 12  # IAM's ceiling for a role's MaxSessionDuration


class PasswordPolicySpec(Spec):
    """The account password policy. Values may be stricter than the CIS floors, never weaker."""

    minimum_length: int = Field(
        MIN_PASSWORD_LENGTH, description=f"Minimum password length, {MIN_PASSWORD_LENGTH}-{MAX_PASSWORD_LENGTH}."
    )
    reuse_prevention: int = Field(
        REUSE_PREVENTION, description=f"Previous passwords that cannot be reused; must be {REUSE_PREVENTION}."
    )
    max_age_days: int = Field(
        MAX_PASSWORD_AGE_DAYS, description=f"Days before a password expires, 1-{MAX_PASSWORD_AGE_DAYS}."
    )
    require_uppercase: bool = Field(True, description="Require an upper-case letter (cannot be turned off).")
    require_lowercase: bool = Field(True, description="Require a lower-case letter (cannot be turned off).")
    require_numbers: bool = Field(True, description="Require a digit (cannot be turned off).")
    require_symbols: bool = Field(True, description="Require a symbol (cannot be turned off).")

    @field_validator("minimum_length")
    @classmethod
    def _length(cls, value: int) -> int:
        if not MIN_PASSWORD_LENGTH <= value <= MAX_PASSWORD_LENGTH:
            raise ValueError(
                f"{value} is outside {MIN_PASSWORD_LENGTH}-{MAX_PASSWORD_LENGTH} "
                f"(CIS 1.8 requires at least {MIN_PASSWORD_LENGTH}; IAM allows at most {MAX_PASSWORD_LENGTH})"
            )
        return value

    @field_validator("reuse_prevention")
    @classmethod
    def _reuse(cls, value: int) -> int:
        if value != REUSE_PREVENTION:
            raise ValueError(
                f"{value}: must be {REUSE_PREVENTION} (CIS 1.9 asks for {REUSE_PREVENTION}, which is IAM's maximum)"
            )
        return value

    @field_validator("max_age_days")
    @classmethod
    def _age(cls, value: int) -> int:
        if not 1 <= value <= MAX_PASSWORD_AGE_DAYS:
            raise ValueError(f"{value} days is outside 1-{MAX_PASSWORD_AGE_DAYS}; passwords expire within 90 days")
        return value

    @field_validator("require_uppercase", "require_lowercase", "require_numbers", "require_symbols")
    @classmethod
    def _classes(cls, value: bool) -> bool:
        if value is not True:
            raise ValueError(f"{value}: every character class is required (upper, lower, digits, symbols)")
        return value


class UserSpec(Spec):
    """A person with console access: a login profile and group membership, nothing else."""

    name: str = Field(description="IAM user name (letters, digits and +=,.@_-, at most 64 characters).")
    groups: list[JobFunction] = Field(
        min_length=1, description="Job-function groups the user belongs to (administrators, operators, ...)."
    )
    pgp_key: str | None = Field(
        None, description="Optional PGP public key (base64, or keybase:<user>) that encrypts the initial "
        "password in state; without it the password is stored as a Pulumi secret."
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not USER_NAME_RE.match(value):
            raise ValueError(
                f"{value!r} is not a valid IAM user name (1-64 of letters, digits and + = , . @ _ -)"
            )
        return value


class IdentitySpec(Spec):
    """`landing-zone:identity`: password policy, job functions (groups and roles), session length, users."""

    password_policy: PasswordPolicySpec = Field(
        default_factory=PasswordPolicySpec, description="Account password policy (CIS 1.8, 1.9)."
    )
    job_functions: list[JobFunction] = Field(
        default_factory=lambda: list(JOB_FUNCTIONS),
        description="Job functions that get a group and a role: administrators, operators, developers, auditors.",
    )
    session_duration_hours: int = Field(
        1, ge=1, le=MAX_SESSION_HOURS,
        description=f"Maximum session of the job-function and support roles, 1-{MAX_SESSION_HOURS} hours.",
    )
    mfa_max_age_seconds: int = Field(
        3600, ge=300, le=43200,
        description="A role can be assumed only this long after the caller's MFA sign-in (aws:MultiFactorAuthAge).",
    )
    access_analyzer: bool = Field(True, description="Create an account IAM Access Analyzer (CIS 1.20) when Identity "
                                  "is used on its own; LandingZone leaves the analyzer to the audit domain.")
    users: list[UserSpec] = Field(
        default_factory=list, description="People with console access. No access keys are ever created for them."
    )


def identity_issues(spec: IdentitySpec, production: bool) -> Iterator[tuple[str, str]]:
    """Cross-field checks: unique job functions and users, users only in enabled groups.

    `production` is part of the uniform `<domain>_issues` signature; the identity floors (CIS password
    policy, MFA, short sessions) already hold in every environment, so nothing is production-only.
    """
    enabled = list(dict.fromkeys(spec.job_functions))
    seen_functions: set[str] = set()
    for index, function in enumerate(spec.job_functions):
        if function in seen_functions:
            yield f"identity.jobFunctions[{index}]", f"{function!r} is listed more than once"
        seen_functions.add(function)
    first_user: dict[str, int] = {}
    for index, user in enumerate(spec.users):
        key = user.name.lower()  # IAM user names are case-insensitive
        if key in first_user:
            yield (f"identity.users[{index}].name",
                   f"{user.name!r} is already defined by users[{first_user[key]}] (IAM names ignore case)")
        first_user.setdefault(key, index)
        for g, group in enumerate(user.groups):
            if group not in enabled:
                yield (f"identity.users[{index}].groups[{g}]",
                       f"{group!r} is not an enabled job function; enabled: {enabled}")
