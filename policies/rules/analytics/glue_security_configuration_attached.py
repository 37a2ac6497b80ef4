"""Glue jobs and crawlers run with a security configuration."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not resource.get("securityConfiguration"):
        kind = "crawler" if resource.type.endswith(":Crawler") else "job"
        yield Violation(f"{kind} has no securityConfiguration: what it writes to S3, CloudWatch Logs and "
                        "job bookmarks is encrypted only by those services' defaults, not by a Glue KMS key",
                        "securityConfiguration")


RULE = ResourceRule(
    id="glue_security_configuration_attached",
    title="Glue jobs and crawlers run with a security configuration",
    description=(
        "A Glue security configuration sets the KMS keys for the S3 data, CloudWatch logs and job "
        "bookmarks a job or crawler writes. AWS attaches none by default. (No FSBP control covers "
        "this; it is the landing zone's own demand.)"
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("data-encryption",)},
    remediation=(
        "Create an aws.glue.SecurityConfiguration with SSE-KMS for S3, CloudWatch and job bookmarks and "
        "set security_configuration=security_configuration.name on the Job or Crawler."
    ),
    resource_types=("aws:glue/job:Job", "aws:glue/crawler:Crawler"),
    evaluate=evaluate,
)
