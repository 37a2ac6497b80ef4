"""RDS DB instances publish their engine's logs to CloudWatch Logs (FSBP RDS.9, RDS.36, RDS.40, RDS.42)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import RDS_INSTANCE, engine_family, strings

#: RDS.9's log types per engine family (MariaDB shares MySQL's); db2 has no FSBP list and is not judged.
REQUIRED = {
    "mysql": ["audit", "error", "general", "slowquery"],
    "postgres": ["postgresql", "upgrade"],
    "oracle": ["alert", "audit", "listener", "trace"],
    "sqlserver": ["agent", "error"],
}


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    family = engine_family(resource.get("engine"))
    required = config["required_log_types"].get(family or "")
    if not required:
        return
    exported = strings(resource.get("enabledCloudwatchLogsExports"))
    missing = [t for t in required if t not in exported]
    if missing:
        now = ", ".join(exported) if exported else "nothing"
        yield Violation(f"Instance {resource.name} ({resource.get('engine')}) exports {now} to CloudWatch Logs; "
                        f"this rule also demands {', '.join(missing)}", "enabledCloudwatchLogsExports")


RULE = ResourceRule(
    id="rds_instance_log_exports",
    title="RDS DB instances publish their engine's logs to CloudWatch Logs",
    description=(
        "Without log exports the engine's audit, error and slow-query logs stay on the instance, rotate "
        "away within days and cannot feed alarms or an investigation. AWS exports nothing by default. "
        "Required types follow FSBP RDS.9 per engine (RDS.36/40/42 ask the same of PostgreSQL, SQL "
        "Server and MariaDB). MySQL/MariaDB audit logs also need the MARIADB_AUDIT_PLUGIN option."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.9", "RDS.36", "RDS.40", "RDS.42"), "seed": ("logging",)},
    remediation=(
        'Set enabled_cloudwatch_logs_exports=[...] on the aws.rds.Instance, e.g. ["audit", "error", '
        '"general", "slowquery"] for MySQL/MariaDB or ["postgresql", "upgrade"] for PostgreSQL.'
    ),
    resource_types=(RDS_INSTANCE,),
    config={"required_log_types": {
        "type": "object", "default": REQUIRED,
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "description": "engine family (mysql, postgres, oracle, sqlserver) -> log types it must export"}},
    evaluate=evaluate,
)
