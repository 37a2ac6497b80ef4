"""Athena workgroups publish query metrics to CloudWatch (Athena.4)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.messaging import dig


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if dig(resource.props, "configuration", "publishCloudwatchMetricsEnabled") is False:
        yield Violation("configuration.publishCloudwatchMetricsEnabled is false: the workgroup's query "
                        "activity is not published to CloudWatch (provider default: true)",
                        "configuration.publishCloudwatchMetricsEnabled")


RULE = ResourceRule(
    id="athena_workgroup_cloudwatch_metrics",
    title="Athena workgroups publish query metrics to CloudWatch",
    description=(
        "Per-workgroup CloudWatch metrics (queries run, bytes scanned, failures) are what alarms on "
        "unusual data access and cost build on. The provider defaults publish_cloudwatch_metrics_enabled "
        "to true, so only an explicit false fails."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Athena.4",), "seed": ("logging",)},
    remediation="Remove publish_cloudwatch_metrics_enabled=False from the Workgroup's configuration.",
    resource_types=("aws:athena/workgroup:Workgroup",),
    evaluate=evaluate,
)
