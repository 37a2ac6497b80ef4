"""CodeBuild projects send build logs to CloudWatch Logs or S3 (CodeBuild.4)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.messaging import dig


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    logs = resource.get("logsConfig") or {}
    cloudwatch = dig(logs, "cloudwatchLogs", "status") or "ENABLED"  # CodeBuild's default
    s3 = dig(logs, "s3Logs", "status") or "DISABLED"
    if cloudwatch == "DISABLED" and s3 != "ENABLED":
        yield Violation("logsConfig.cloudwatchLogs.status is DISABLED and S3 logs are not ENABLED: builds "
                        "leave no log", "logsConfig.cloudwatchLogs.status")


RULE = ResourceRule(
    id="codebuild_logging_enabled",
    title="CodeBuild projects send build logs to CloudWatch Logs or S3",
    description=(
        "Build logs are the forensic record of what a pipeline ran with which credentials. CodeBuild "
        "logs to CloudWatch by default; the rule fails a project that disables CloudWatch logs without "
        "enabling S3 logs."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("CodeBuild.4",), "seed": ("logging",)},
    remediation=(
        'Remove status="DISABLED" from logs_config.cloudwatch_logs, or set logs_config.s3_logs='
        'aws.codebuild.ProjectLogsConfigS3LogsArgs(status="ENABLED", location="<bucket>/<prefix>").'
    ),
    resource_types=("aws:codebuild/project:Project",),
    evaluate=evaluate,
)
