"""Glue Spark jobs run on a supported Glue version (Glue.4)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

SPARK_COMMANDS = ("glueetl", "gluestreaming")


def _version(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.strip().split("."))
    except ValueError:
        return ()


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    command = (resource.get("command") or {}).get("name") or "glueetl"  # the API's default job type
    if command not in SPARK_COMMANDS:
        return
    wanted = config["min_glue_version"]
    version = resource.get("glueVersion")
    if version is None:
        yield Violation(f"glueVersion is not set, so AWS runs the Spark job on Glue 0.9 (end of life); "
                        f"{wanted} or later is required", "glueVersion")
    elif _version(str(version)) < _version(wanted):
        yield Violation(f"glueVersion is {version!r}, older than the required {wanted}", "glueVersion")


RULE = ResourceRule(
    id="glue_spark_job_supported_version",
    title="Glue Spark jobs run on a supported Glue version (3.0 or later)",
    description=(
        "Glue versions past end of support get no security patches for their Spark, Python and OS "
        "layers. Security Hub's default minimum is 3.0. A job without glue_version runs on Glue 0.9. "
        "Python shell and Ray jobs are not Spark jobs and are not applicable."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Glue.4",), "seed": ("frequent-updates",)},
    remediation='Set glue_version="4.0" (or "5.0") on the Job and test the script on that runtime.',
    resource_types=("aws:glue/job:Job",),
    config={"min_glue_version": {"type": "string", "default": "3.0", "pattern": r"^\d+(\.\d+)*$",
                                 "description": "oldest acceptable Glue version for Spark jobs"}},
    evaluate=evaluate,
)
