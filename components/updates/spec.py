"""Input contract of the updates domain (`landing-zone:updates`): SSM Patch Manager for Amazon Linux 2023."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ..spec_base import Spec

ComplianceLevel = Literal["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNSPECIFIED"]
PATCH_GROUP_RE = re.compile(r"^[\w.:/=+\-@]{1,256}$")
CRON_FIELD_RE = re.compile(r"^[\w*?,/#L\-]+$")
RATE_RE = re.compile(r"^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$")
MAX_CONCURRENCY_RE = re.compile(r"^([1-9]\d*|([1-9]\d?|100)%)$")
MAX_ERRORS_RE = re.compile(r"^(\d+|(\d{1,2}|100)%)$")
PRODUCTION_MAX_APPROVAL_DAYS = 14


def schedule_problem(value: str) -> str | None:
    """Why `value` is not an SSM cron/rate expression, or None when it is."""
    rate = RATE_RE.match(value)
    if rate:
        count, unit = int(rate.group(1)), rate.group(2)
        if count < 1:
            return "a rate needs a positive count"
        if (count == 1) == unit.endswith("s"):
            return f"write rate({count} {unit.rstrip('s') if count == 1 else unit + 's'})"
        return None
    if not (value.startswith("cron(") and value.endswith(")")):
        return "use cron(min hour day-of-month month day-of-week year) or rate(<n> minutes|hours|days)"
    fields = value[5:-1].split()
    if len(fields) != 6:
        return f"a cron expression has 6 fields (min hour day-of-month month day-of-week year), got {len(fields)}"
    if not all(CRON_FIELD_RE.match(f) for f in fields):
        return "cron fields use digits, names, and the characters * ? , - / # L"
    if (fields[2] == "?") == (fields[4] == "?"):
        return "exactly one of day-of-month and day-of-week must be '?'"
    return None


def _schedule(value: str) -> str:
    problem = schedule_problem(value)
    if problem:
        raise ValueError(f"{value!r}: {problem}")
    return value


class UpdatesSpec(Spec):
    """`landing-zone:updates`: baseline, patch group, maintenance window, the SSM instance role."""

    patch_group: str | None = Field(
        None, description="Patch group (the 'Patch Group' tag value instances carry). Default: lz-<env>.")
    include_medium_severity: bool = Field(
        False, description="Also approve Medium-severity patches (Critical and Important always are).")
    approve_after_days: int = Field(
        7, ge=0, le=100, description="Days a patch waits after release before auto-approval (0-100).")
    compliance_level: ComplianceLevel = Field(
        "CRITICAL", description="Compliance severity reported for an approved patch that is missing.")
    default_baseline: bool = Field(
        False, description="Also register the baseline as the account's default for Amazon Linux 2023.")
    schedule: str = Field(
        "cron(0 3 ? * SUN *)", description="Maintenance window schedule (SSM cron or rate expression).")
    schedule_timezone: str = Field("Etc/UTC", description="IANA time zone of the schedule.")
    duration_hours: int = Field(3, ge=1, le=24, description="Maintenance window length in hours (1-24).")
    cutoff_hours: int = Field(
        1, ge=0, le=23, description="Hours before the window ends when no new task starts; < durationHours.")
    max_concurrency: str = Field("25%", description="Instances patched at once: a count or a percentage.")
    max_errors: str = Field("10%", description="Failures before the window stops: a count or a percentage.")
    reboot: Literal["RebootIfNeeded", "NoReboot"] = Field(
        "RebootIfNeeded", description="Reboot after installing when a patch needs it.")
    update_ssm_agent: bool = Field(True, description="Keep the SSM agent current with AWS-UpdateSSMAgent.")
    agent_update_schedule: str = Field(
        "rate(7 days)", description="When the agent update association runs (SSM cron or rate).")

    @field_validator("patch_group")
    @classmethod
    def _patch_group(cls, value: str | None) -> str | None:
        if value is not None and not PATCH_GROUP_RE.match(value):
            raise ValueError(
                f"{value!r} is not a patch group name: 1-256 letters, digits and the characters _.:/=+-@")
        return value

    @field_validator("schedule", "agent_update_schedule")
    @classmethod
    def _schedules(cls, value: str) -> str:
        return _schedule(value)

    @field_validator("schedule_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            raise ValueError(f"{value!r} is not an IANA time zone (e.g. Etc/UTC, Europe/Paris)") from None
        return value

    @field_validator("max_concurrency")
    @classmethod
    def _concurrency(cls, value: str) -> str:
        if not MAX_CONCURRENCY_RE.match(value):
            raise ValueError(f"{value!r}: use a positive count (10) or a percentage 1%-100%")
        return value

    @field_validator("max_errors")
    @classmethod
    def _errors(cls, value: str) -> str:
        if not MAX_ERRORS_RE.match(value):
            raise ValueError(f"{value!r}: use a count (0, 3) or a percentage 0%-100%")
        return value

    @model_validator(mode="after")
    def _cutoff_inside_window(self) -> UpdatesSpec:
        if self.cutoff_hours >= self.duration_hours:
            raise ValueError(
                f"cutoffHours {self.cutoff_hours} must be less than durationHours {self.duration_hours}, "
                "or no task could ever start")
        return self


def updates_issues(spec: UpdatesSpec, production: bool) -> Iterator[tuple[str, str]]:
    """Production patches promptly and lets kernel and library patches take effect."""
    if not production:
        return
    if spec.approve_after_days > PRODUCTION_MAX_APPROVAL_DAYS:
        yield ("updates.approveAfterDays",
               f"{spec.approve_after_days} days: production approves security patches within "
               f"{PRODUCTION_MAX_APPROVAL_DAYS} days")
    if spec.reboot == "NoReboot":
        yield "updates.reboot", "'NoReboot' in production leaves installed kernel and library patches inactive"
