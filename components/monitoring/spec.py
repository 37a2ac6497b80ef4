"""Input contract of the monitoring domain (`landing-zone:monitoring`): who is alerted, and on what."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from pydantic import Field, ValidationInfo, field_validator

from ..spec_base import Spec

#: CloudWatch alarm periods that suit a metric filter on CloudTrail (standard resolution).
ALARM_PERIODS = (60, 300, 900, 3600)
#: GuardDuty severities run from 1.0 (low) to 8.9 (high); 7.0 is where "High" starts.
MIN_SEVERITY, MAX_SEVERITY = 1.0, 8.9


class SubscriptionSpec(Spec):
    """One recipient of the environment's alerts topic."""

    protocol: Literal["email", "https"] = Field(
        description="email (a person or a list; SNS sends a confirmation mail) or https (a webhook; plain http "
        "is refused because alerts would cross the internet unencrypted)."
    )
    endpoint: str = Field(min_length=1, max_length=2048, description="The e-mail address or https:// URL.")

    @field_validator("endpoint")
    @classmethod
    def _endpoint_fits_protocol(cls, endpoint: str, info: ValidationInfo) -> str:
        protocol = info.data.get("protocol")
        if protocol == "email":
            try:
                return validate_email(endpoint, check_deliverability=False).normalized
            except EmailNotValidError as exc:
                raise ValueError(f"{endpoint!r} is not a valid e-mail address ({exc})") from None
        if protocol == "https":
            parts = urlsplit(endpoint)
            if parts.scheme != "https":
                raise ValueError(
                    f"{endpoint!r}: protocol https needs an https:// URL (got scheme {parts.scheme!r}); "
                    "plain http is not allowed"
                )
            if not parts.hostname:
                raise ValueError(f"{endpoint!r} has no host name")
            if parts.username or parts.password:
                raise ValueError(f"{endpoint!r}: credentials in the URL would be stored in clear text")
        return endpoint


class MonitoringSpec(Spec):
    """`landing-zone:monitoring`: the alerts topic's subscribers, the GuardDuty threshold, the dashboard."""

    subscriptions: list[SubscriptionSpec] = Field(
        default_factory=list,
        description="Who receives alerts. Required (at least one) in production: an alert nobody reads is none.",
    )
    guardduty_severity_threshold: float = Field(
        7.0, ge=MIN_SEVERITY, le=MAX_SEVERITY,
        description="GuardDuty findings at or above this severity are sent to the topic (1.0-8.9; 7 = High).",
    )
    alarm_period_seconds: int = Field(
        300, description=f"Evaluation period of the CIS alarms, one of {ALARM_PERIODS} (CIS uses 300)."
    )
    dashboard: bool = Field(True, description="Create the environment's CloudWatch dashboard.")

    @field_validator("alarm_period_seconds")
    @classmethod
    def _period(cls, value: int) -> int:
        if value not in ALARM_PERIODS:
            raise ValueError(f"{value} seconds is not an allowed alarm period; use one of {ALARM_PERIODS}")
        return value


def monitoring_issues(spec: MonitoringSpec, production: bool) -> Iterator[tuple[str, str]]:
    """Checks that need the environment: production alerts must reach someone; no duplicate recipients."""
    if production and not spec.subscriptions:
        yield ("monitoring.subscriptions",
               "a production environment needs at least one subscription (email or https), "
               "otherwise its alarms and findings reach nobody")
    first: dict[tuple[str, str], int] = {}
    for index, sub in enumerate(spec.subscriptions):
        key = (sub.protocol, sub.endpoint.lower())
        if key in first:
            yield (f"monitoring.subscriptions[{index}].endpoint",
                   f"{sub.protocol} {sub.endpoint!r} is already subscribed by subscriptions[{first[key]}]")
        first.setdefault(key, index)
