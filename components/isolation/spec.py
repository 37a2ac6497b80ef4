"""Input contract of the isolation domain (`landing-zone:isolation`): automated isolation of instances.

An empty `{}` is valid and secure: isolation on, High findings (>= 7.0) isolate, volumes snapshotted,
the function's log group keeps a year.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ..spec_base import RetentionDays, Spec

#: GuardDuty severities run from 1.0 (low) to 8.9 (high); 7.0 is where "High" starts.
MIN_SEVERITY, MAX_SEVERITY = 1.0, 8.9
PRODUCTION_MIN_RETENTION = 365


class IsolationSpec(Spec):
    """`landing-zone:isolation`: which GuardDuty findings isolate an instance, and what is kept as evidence."""

    enabled: bool = Field(
        True, description="Create the isolation function and its EventBridge rule. Required in production.",
    )
    severity_threshold: float = Field(
        7.0, ge=MIN_SEVERITY, le=MAX_SEVERITY,
        description="GuardDuty findings on an instance at or above this severity isolate it (1.0-8.9; 7 = High). "
        "Isolation cuts the instance off, so a low threshold turns every false positive into an outage.",
    )
    snapshot_volumes: bool = Field(
        True, description="Snapshot every attached EBS volume of an isolated instance (forensic evidence).",
    )
    reserved_concurrency: int | None = Field(
        2, ge=1, le=100,
        description="Concurrent executions reserved for the function, so a burst of other functions cannot starve "
        "isolation and a burst of findings cannot exhaust the account. null: no reservation (accounts whose "
        "concurrency quota is still 10 cannot reserve any).",
    )
    log_retention_days: RetentionDays = Field(
        365, description="Retention of the function's log group, a CloudWatch retention value; production needs "
        f">= {PRODUCTION_MIN_RETENTION}.",
    )



def isolation_issues(spec: IsolationSpec, production: bool) -> Iterator[tuple[str, str]]:
    """Production isolates automatically and keeps the function's log (its record of what it did) a year."""
    if not production:
        return
    if not spec.enabled:
        yield ("isolation.enabled",
               "production needs automated isolation: a compromised instance must leave the network without "
               "waiting for a person")
    if spec.log_retention_days < PRODUCTION_MIN_RETENTION:
        yield ("isolation.logRetentionDays",
               f"{spec.log_retention_days} days: production log groups keep at least {PRODUCTION_MIN_RETENTION}")
