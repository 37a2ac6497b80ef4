"""Pure naming of the audit domain's resources (no pulumi import).

Physical names are deterministic, so the trail's ARN is known before the trail exists: its key
policy, its log-delivery role's trust policy and the log archive's grants all name it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base import AccountContext

TRAIL_PREFIX = "AWSLogs"


def trail_name(environment: str) -> str:
    return f"lz-{environment}-trail"


def trail_arn(account: AccountContext, environment: str) -> str:
    return f"arn:{account.partition}:cloudtrail:{account.region}:{account.account_id}:trail/{trail_name(environment)}"


def trail_log_group_name(environment: str) -> str:
    return f"/lz/{environment}/cloudtrail"


def log_group_arn(account: AccountContext, name: str) -> str:
    return f"arn:{account.partition}:logs:{account.region}:{account.account_id}:log-group:{name}"


def recorder_name(environment: str) -> str:
    return f"lz-{environment}"


def analyzer_name(environment: str) -> str:
    return f"lz-{environment}-account"


def config_rule_name(environment: str, slug: str) -> str:
    return f"lz-{environment}-{slug}"


def account_logs_prefix(bucket_arn: str, account: AccountContext, service: str = "") -> str:
    """`<bucket-arn>/AWSLogs/<account>/[<service>/]*`: where AWS services write this account's logs."""
    middle = f"{service}/" if service else ""
    return f"{bucket_arn}/{TRAIL_PREFIX}/{account.account_id}/{middle}*"


@dataclass(frozen=True)
class EventSelectorPlan:
    """One advanced event selector: `fields` are (field, equals-values) pairs."""

    name: str
    fields: tuple[tuple[str, tuple[str, ...]], ...]


MANAGEMENT_EVENTS = EventSelectorPlan("management-events", (("eventCategory", ("Management",)),))
S3_DATA_EVENTS = EventSelectorPlan(
    "s3-data-events", (("eventCategory", ("Data",)), ("resources.type", ("AWS::S3::Object",))))


def event_selectors(s3_data_events: bool) -> tuple[EventSelectorPlan, ...]:
    """All management events, read and write (CIS 3.1) and, when on, every S3 object-level read and
    write of every bucket (CIS 3.8, 3.9)."""
    return (MANAGEMENT_EVENTS, S3_DATA_EVENTS) if s3_data_events else (MANAGEMENT_EVENTS,)
