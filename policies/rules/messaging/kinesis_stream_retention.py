"""Kinesis data streams keep records long enough to replay them (Kinesis.3)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

AWS_DEFAULT_HOURS = 24


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    wanted = config["min_retention_hours"]
    hours = resource.get("retentionPeriod")
    if hours is None:
        yield Violation(f"retentionPeriod is not set (AWS default: {AWS_DEFAULT_HOURS} hours); at least "
                        f"{wanted} hours required", "retentionPeriod")
    elif float(hours) < wanted:
        yield Violation(f"retentionPeriod is {float(hours):g} hours, below the required {wanted}",
                        "retentionPeriod")


RULE = ResourceRule(
    id="kinesis_stream_retention",
    title="Kinesis data streams retain records for at least 7 days (168 hours)",
    description=(
        "Retention is the replay window: with AWS's 24-hour default a consumer bug over a weekend ages "
        "the lost records out before anyone can reprocess them. Security Hub's default threshold is "
        "168 hours."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Kinesis.3",), "seed": ("high-availability",)},
    remediation="Set retention_period=168 (hours) or more on the Stream.",
    resource_types=("aws:kinesis/stream:Stream",),
    config={"min_retention_hours": {"type": "integer", "default": 168, "minimum": 24, "maximum": 8760,
                                    "description": "the shortest acceptable retentionPeriod, in hours"}},
    evaluate=evaluate,
)
