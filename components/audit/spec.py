"""Input contract of the audit domain (`landing-zone:audit`): trail, Config, GuardDuty, Security Hub.

An empty `{}` is valid and secure: S3 data events on, trail logs kept 365 days, every default
Config rule, GuardDuty findings every 15 minutes, CIS v3.0.0 and AWS FSBP standards.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ..spec_base import RetentionDays, Spec
from .catalog import CIS_V3, CONFIG_RULES, DEFAULT_CONFIG_RULES, DEFAULT_STANDARDS, FSBP, STANDARDS

PRODUCTION_MIN_RETENTION = 365
#: Disabling these in production would blind the controls the CIS benchmark audits first.
PRODUCTION_REQUIRED_RULES = (
    "CLOUD_TRAIL_ENABLED", "MULTI_REGION_CLOUD_TRAIL_ENABLED", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
    "CLOUD_TRAIL_ENCRYPTION_ENABLED", "VPC_FLOW_LOGS_ENABLED", "S3_BUCKET_SSL_REQUESTS_ONLY",
)


class TrailSpec(Spec):
    """The multi-region CloudTrail trail and its CloudWatch log group."""

    s3_data_events: bool = Field(True, description="Record S3 object-level (data) events of every bucket.")
    log_group_retention_days: RetentionDays = Field(
        365, description="Retention of the trail's log group (a CloudWatch value); production: >= 365."
    )



def _known_rules(values: list[str], label: str) -> list[str]:
    unknown = [v for v in values if v not in CONFIG_RULES]
    if unknown:
        raise ValueError(f"unknown Config rule(s) {unknown} in {label}; known: {sorted(CONFIG_RULES)}")
    repeated = sorted(v for v, n in Counter(values).items() if n > 1)
    if repeated:
        raise ValueError(f"{repeated} listed more than once in {label}")
    return values


class ConfigRecorderSpec(Spec):
    """AWS Config: recorder (all supported resources, global types) and managed rules."""

    recording_frequency: Literal["CONTINUOUS", "DAILY"] = Field(
        "CONTINUOUS", description="How often configuration changes are recorded."
    )
    snapshot_delivery_frequency: Literal["One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"] = (
        Field("TwentyFour_Hours", description="How often a configuration snapshot goes to the log archive.")
    )
    enable_rules: list[str] = Field(
        default_factory=list, description="Known rules to add to the default set (e.g. ELB_LOGGING_ENABLED)."
    )
    disable_rules: list[str] = Field(default_factory=list, description="Default rules to leave out.")

    @field_validator("enable_rules")
    @classmethod
    def _enable(cls, values: list[str]) -> list[str]:
        return _known_rules(values, "enableRules")

    @field_validator("disable_rules")
    @classmethod
    def _disable(cls, values: list[str]) -> list[str]:
        return _known_rules(values, "disableRules")

    @model_validator(mode="after")
    def _no_overlap(self) -> ConfigRecorderSpec:
        both = sorted(set(self.enable_rules) & set(self.disable_rules))
        if both:
            raise ValueError(f"{both} are both enabled and disabled; list each rule in one place only")
        return self

    def rules(self) -> tuple[str, ...]:
        """The rules to create, in catalog order."""
        chosen = (set(DEFAULT_CONFIG_RULES) | set(self.enable_rules)) - set(self.disable_rules)
        return tuple(r for r in CONFIG_RULES if r in chosen)


class GuardDutySpec(Spec):
    """GuardDuty detector; S3 data-event and EBS malware protection are always on."""

    finding_publishing_frequency: Literal["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"] = Field(
        "FIFTEEN_MINUTES", description="How often updated findings are published to EventBridge."
    )
    runtime_monitoring: bool = Field(
        False, description="Runtime monitoring with the EC2 agent managed by GuardDuty (extra cost)."
    )


class SecurityHubSpec(Spec):
    """Security Hub and its standards subscriptions."""

    standards: list[str] = Field(
        default_factory=lambda: list(DEFAULT_STANDARDS),
        description=f"Standards to subscribe, as '<name>/v/<version>'; known: {', '.join(STANDARDS)}.",
    )

    @field_validator("standards")
    @classmethod
    def _known(cls, values: list[str]) -> list[str]:
        unknown = [v for v in values if v not in STANDARDS]
        if unknown:
            raise ValueError(f"unknown standard(s) {unknown}; known: {list(STANDARDS)}")
        repeated = sorted(v for v, n in Counter(values).items() if n > 1)
        if repeated:
            raise ValueError(f"{repeated} listed more than once")
        return values


class AuditSpec(Spec):
    """`landing-zone:audit`: what is recorded, analysed and how findings are published."""

    trail: TrailSpec = Field(default_factory=TrailSpec, description="CloudTrail settings.")
    config_recorder: ConfigRecorderSpec = Field(
        default_factory=ConfigRecorderSpec, description="AWS Config recorder and rules."
    )
    guard_duty: GuardDutySpec = Field(default_factory=GuardDutySpec, description="GuardDuty settings.")
    security_hub: SecurityHubSpec = Field(default_factory=SecurityHubSpec, description="Security Hub settings.")


def audit_issues(spec: AuditSpec, production: bool) -> Iterator[tuple[str, str]]:
    """Checks that need the environment; paths are rooted at `audit`."""
    if not production:
        return
    retention = spec.trail.log_group_retention_days
    if retention < PRODUCTION_MIN_RETENTION:
        yield "audit.trail.logGroupRetentionDays", f"{retention}: production keeps trail logs >= 365 days"
    if not spec.trail.s3_data_events:
        yield "audit.trail.s3DataEvents", "false: production records S3 data events (CIS 3.8, 3.9)"
    off = [r for r in PRODUCTION_REQUIRED_RULES if r in spec.config_recorder.disable_rules]
    if off:
        yield "audit.configRecorder.disableRules", f"{off} cannot be disabled in production"
    for needed in (CIS_V3, FSBP):
        if needed not in spec.security_hub.standards:
            yield "audit.securityHub.standards", f"production subscribes {needed!r}"
