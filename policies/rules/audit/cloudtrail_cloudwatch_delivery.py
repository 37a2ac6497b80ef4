"""CloudTrail trails deliver to CloudWatch Logs (what the CIS 4.x metric filters read)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.audit import TRAIL


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    for prop, what in (("cloudWatchLogsGroupArn", "log group"), ("cloudWatchLogsRoleArn", "delivery role")):
        if not resource.get(prop):
            yield Violation(f"trail has no CloudWatch Logs {what}", prop)


RULE = ResourceRule(
    id="cloudtrail_cloudwatch_delivery",
    title="CloudTrail trails deliver events to CloudWatch Logs",
    description=("Events in S3 are read in hours, if at all; delivery to a CloudWatch log group is what "
                 "lets metric filters and alarms (CIS 4.1-4.15) react to them in minutes."),
    severity=Severity.LOW,
    # No CIS v3.0.0 control of its own: it is the prerequisite every 4.x audit procedure checks first.
    frameworks={"aws-fsbp": ("CloudTrail.5",), "seed": ("audited", "centralized-alerts")},
    remediation=('Set cloud_watch_logs_group_arn=log_group.arn.apply(lambda a: f"{a}:*") and '
                 "cloud_watch_logs_role_arn= to a role that cloudtrail.amazonaws.com may assume, allowed "
                 "logs:CreateLogStream and logs:PutLogEvents on that group."),
    resource_types=(TRAIL,),
    evaluate=evaluate,
)
