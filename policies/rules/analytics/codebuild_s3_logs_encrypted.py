"""CodeBuild S3 build logs are encrypted (CodeBuild.3)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.messaging import dig


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    s3 = dig(resource.props, "logsConfig", "s3Logs") or {}
    if s3.get("status") == "ENABLED" and s3.get("encryptionDisabled") is True:
        yield Violation("logsConfig.s3Logs.encryptionDisabled is true: build logs are written to S3 without "
                        "the project's KMS encryption (AWS default: encrypted)",
                        "logsConfig.s3Logs.encryptionDisabled")


RULE = ResourceRule(
    id="codebuild_s3_logs_encrypted",
    title="CodeBuild S3 build logs are encrypted",
    description=(
        "Build logs echo dependency versions, test output and, too often, secrets. CodeBuild encrypts "
        "S3 logs with the project's key unless encryption_disabled=True; only that explicit opt-out "
        "fails (projects without S3 logs are not applicable)."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("CodeBuild.3",), "seed": ("data-encryption", "logging")},
    remediation="Remove encryption_disabled=True from logs_config.s3_logs on the Project.",
    resource_types=("aws:codebuild/project:Project",),
    evaluate=evaluate,
)
