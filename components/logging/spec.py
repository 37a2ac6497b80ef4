"""Input contract of the logging domain (`landing-zone:logging`): log groups and their export."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field, field_validator, model_validator

from ..spec_base import LOG_RETENTION_DAYS, RetentionDays, Spec

PURPOSE_RE = re.compile(r"^[a-z][a-z0-9-]{0,30}$")
#: The seed's logging list: VPN sessions, network IDS (Snort), host IDS (OSSEC/Wazuh), ClamAV, nginx.
DEFAULT_GROUPS = ("vpn", "ids", "hids", "antivirus", "nginx")
PRODUCTION_MIN_RETENTION = 365
PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,30}(/[a-z0-9][a-z0-9-]{0,30}){0,3}$")


class ExportSpec(Spec):
    """Export to the log archive: one Firehose delivery stream per log group, into the archive bucket."""

    enabled: bool = Field(True, description="Subscribe every log group to a Firehose stream into the archive.")
    prefix: str = Field(
        "cloudwatch-logs",
        description="Key prefix in the archive bucket; objects land under <prefix>/<env>/<group>/yyyy/MM/dd/.",
    )
    buffering_interval_seconds: int = Field(
        300, ge=0, le=900, description="Firehose flushes at least this often (0-900 seconds)."
    )
    buffering_size_mb: int = Field(5, ge=1, le=128, description="Firehose flushes at this size (1-128 MiB).")
    filter_pattern: str = Field(
        "", max_length=1024, description="Subscription filter pattern; empty exports every event."
    )

    @field_validator("prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        if not PREFIX_RE.match(value):
            raise ValueError(
                f"{value!r} is not a usable key prefix: use 1-4 lowercase segments of letters, digits and '-' "
                "separated by '/', without leading or trailing '/'"
            )
        return value


class LoggingSpec(Spec):
    """`landing-zone:logging`: the landing zone's log groups (`/lz/<env>/<group>`), KMS-encrypted."""

    groups: list[str] = Field(
        default_factory=lambda: list(DEFAULT_GROUPS),
        description="Log group purposes; each becomes /lz/<env>/<purpose>. Default: " + ", ".join(DEFAULT_GROUPS),
    )
    retention_days: RetentionDays = Field(
        365, description="Retention of every group, a CloudWatch retention value; production needs >= 365."
    )
    retention_overrides: dict[str, int] = Field(
        default_factory=dict, description="Retention per group purpose, overriding retentionDays."
    )
    export: ExportSpec = Field(default_factory=ExportSpec, description="Export to the log archive bucket.")

    @field_validator("groups")
    @classmethod
    def _groups(cls, groups: list[str]) -> list[str]:
        problems = [f"{g!r} is not a group purpose (lowercase letters, digits, '-', 1-31 chars, starting with a "
                    "letter)" for g in groups if not PURPOSE_RE.match(g)]
        problems += [f"{g!r} is listed more than once" for g in sorted({g for g in groups if groups.count(g) > 1})]
        if problems:
            raise ValueError("; ".join(problems))
        return groups

    @field_validator("retention_overrides")
    @classmethod
    def _overrides(cls, overrides: dict[str, int]) -> dict[str, int]:
        problems = [f"{group}: {days} is not a CloudWatch retention value" for group, days in overrides.items()
                    if days not in LOG_RETENTION_DAYS]
        if problems:
            raise ValueError("; ".join(problems) + f"; use one of {LOG_RETENTION_DAYS}")
        return overrides

    @model_validator(mode="after")
    def _overrides_name_groups(self) -> LoggingSpec:
        unknown = sorted(set(self.retention_overrides) - set(self.groups))
        if unknown:
            raise ValueError(f"retentionOverrides names unknown groups {unknown}; groups: {self.groups}")
        return self

    def retention_of(self, group: str) -> int:
        return self.retention_overrides.get(group, self.retention_days)


def logging_issues(spec: LoggingSpec, production: bool) -> Iterator[tuple[str, str]]:
    """Environment-dependent checks: production keeps a year of logs and exports them to the archive."""
    if not production:
        return
    if spec.retention_days < PRODUCTION_MIN_RETENTION:
        yield ("logging.retentionDays",
               f"{spec.retention_days} days: production log groups keep at least {PRODUCTION_MIN_RETENTION}")
    for group, days in spec.retention_overrides.items():
        if days < PRODUCTION_MIN_RETENTION:
            yield (f"logging.retentionOverrides.{group}",
                   f"{days} days: production log groups keep at least {PRODUCTION_MIN_RETENTION}")
    if not spec.export.enabled:
        yield "logging.export.enabled", "production logs must be exported to the log archive bucket"
