"""Aurora clusters publish audit / PostgreSQL logs to CloudWatch Logs (FSBP RDS.34, RDS.37)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import RDS_CLUSTER, strings

REQUIRED = {"aurora": "audit", "aurora-mysql": "audit", "aurora-postgresql": "postgresql"}


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    engine = str(resource.get("engine") or "aurora")
    required = REQUIRED.get(engine)
    if required is None:
        return
    exported = strings(resource.get("enabledCloudwatchLogsExports"))
    if required not in exported:
        now = ", ".join(exported) if exported else "nothing"
        yield Violation(f"Cluster {resource.name} ({engine}) exports {now} to CloudWatch Logs; this rule "
                        f"demands {required!r}", "enabledCloudwatchLogsExports")


RULE = ResourceRule(
    id="rds_cluster_log_exports",
    title="Aurora MySQL clusters export audit logs and Aurora PostgreSQL clusters export postgresql logs",
    description=(
        "Aurora keeps its logs on the cluster for a short time only; exported to CloudWatch Logs they can "
        "be retained, searched and alarmed on. AWS exports nothing by default. Aurora MySQL audit events "
        "also need server_audit_logging=1 in the cluster parameter group."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.34", "RDS.37"), "seed": ("logging",)},
    remediation=(
        'Set enabled_cloudwatch_logs_exports=["audit", "error", "slowquery"] on an Aurora MySQL '
        'aws.rds.Cluster, or ["postgresql"] on an Aurora PostgreSQL one.'
    ),
    resource_types=(RDS_CLUSTER,),
    evaluate=evaluate,
)
