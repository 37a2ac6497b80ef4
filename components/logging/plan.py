"""Pure planning of the landing zone's log groups and their export to the archive (no pulumi import).

Names are a contract shared with the policy pack and the log-archive layout:
  log group        /lz/<env>/<purpose>
  delivery stream  lz-<env>-logs-<key>                    (<= 64 characters, Firehose's limit)
  archive objects  <prefix>/<env>/<key>/yyyy/MM/dd/...    failed deliveries under <prefix>/<env>/_errors/
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .spec import ExportSpec, LoggingSpec

EXPORT_KEY_RE = re.compile(r"^[a-z][a-z0-9-]{0,42}$")
ERRORS_SEGMENT = "_errors"  # cannot clash with a key: keys start with a letter


@dataclass(frozen=True)
class LogGroupPlan:
    purpose: str
    name: str
    retention_days: int


@dataclass(frozen=True)
class ExportPlan:
    """One log group's way into the archive: its delivery stream and its key prefixes."""

    key: str
    stream_name: str
    prefix: str
    error_prefix: str


def log_group_name(environment: str, purpose: str) -> str:
    return f"/lz/{environment}/{purpose}"


def stream_name(environment: str, key: str) -> str:
    return f"lz-{environment}-logs-{key}"


def archive_root(export: ExportSpec, environment: str) -> str:
    """Everything this environment's streams write lives under this key prefix (ends with '/')."""
    return f"{export.prefix}/{environment}/"


def plan_log_groups(spec: LoggingSpec, environment: str) -> tuple[LogGroupPlan, ...]:
    return tuple(LogGroupPlan(g, log_group_name(environment, g), spec.retention_of(g)) for g in spec.groups)


def plan_export(export: ExportSpec, environment: str, key: str) -> ExportPlan:
    """The stream and prefixes for one exported log group; `key` names it in resources and keys."""
    if not EXPORT_KEY_RE.match(key):
        raise ValueError(f"export key {key!r}: use 1-43 lowercase letters, digits and '-', starting with a letter")
    root = archive_root(export, environment)
    return ExportPlan(
        key=key,
        stream_name=stream_name(environment, key),
        prefix=f"{root}{key}/!{{timestamp:yyyy/MM/dd}}/",
        error_prefix=f"{root}{ERRORS_SEGMENT}/{key}/!{{firehose:error-output-type}}/!{{timestamp:yyyy/MM/dd}}/",
    )
