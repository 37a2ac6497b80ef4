"""Pure planning of automated isolation: names, ARNs, the event pattern, the function's settings.

Physical names are fixed (`lz-<env>-isolation...`) so every ARN the IAM and queue policies name is known
before anything exists: the documents stay pure and preview shows them in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..base import AccountContext
from .spec import IsolationSpec

RUNTIME = "python3.12"
HANDLER = "handler.handler"
MEMORY_MB = 256
#: Describe, swap, tag, start snapshots (they complete asynchronously), publish: seconds, with throttling retries.
TIMEOUT_SECONDS = 120
#: EventBridge keeps retrying delivery to the function for an hour, then the event goes to the DLQ.
MAX_EVENT_AGE_SECONDS = 3600
MAX_DELIVERY_ATTEMPTS = 8
#: SQS's maximum: two weeks to notice and replay a finding that was never acted on.
DLQ_RETENTION_SECONDS = 1_209_600


@dataclass(frozen=True)
class IsolationPlan:
    environment: str
    function_name: str
    function_arn: str
    log_group_name: str
    log_group_arn: str
    rule_name: str
    rule_arn: str
    queue_name: str
    queue_arn: str
    severity_threshold: float
    snapshot_volumes: bool
    reserved_concurrency: int | None
    log_retention_days: int


def isolation_pattern(threshold: float) -> dict[str, Any]:
    """GuardDuty findings about an EC2 instance at or above `threshold` (EventBridge numeric matching)."""
    return {
        "source": ["aws.guardduty"],
        "detail-type": ["GuardDuty Finding"],
        "detail": {
            "resource": {"resourceType": ["Instance"]},
            "severity": [{"numeric": [">=", threshold]}],
        },
    }


def plan_isolation(spec: IsolationSpec, environment: str, account: AccountContext) -> IsolationPlan:
    prefix = f"lz-{environment}-isolation"
    region_account = f"{account.region}:{account.account_id}"
    log_group = f"/aws/lambda/{prefix}"
    return IsolationPlan(
        environment=environment,
        function_name=prefix,
        function_arn=f"arn:{account.partition}:lambda:{region_account}:function:{prefix}",
        log_group_name=log_group,
        log_group_arn=f"arn:{account.partition}:logs:{region_account}:log-group:{log_group}",
        rule_name=f"{prefix}-findings",
        rule_arn=f"arn:{account.partition}:events:{region_account}:rule/{prefix}-findings",
        queue_name=f"{prefix}-dlq",
        queue_arn=f"arn:{account.partition}:sqs:{region_account}:{prefix}-dlq",
        severity_threshold=spec.severity_threshold,
        snapshot_volumes=spec.snapshot_volumes,
        reserved_concurrency=spec.reserved_concurrency,
        log_retention_days=spec.log_retention_days,
    )
