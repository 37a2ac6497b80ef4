"""Aurora MySQL clusters have audit logging enabled in their cluster parameter group (FSBP RDS.45)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.data import RDS_CLUSTER, RDS_CLUSTER_PARAMETER_GROUP, joined


def settings(group: ResourceView) -> dict[str, str]:
    return {str(p.get("name")): str(p.get("value")) for p in group.get("parameters") or ()}


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    groups = stack.of_type(RDS_CLUSTER_PARAMETER_GROUP)

    def check(cluster: ResourceView) -> Iterator[Violation]:
        if str(cluster.get("engine") or "aurora") not in ("aurora", "aurora-mysql"):
            return
        name = cluster.get("dbClusterParameterGroupName")
        if name is None or str(name).startswith("default."):
            shown = "not set" if name is None else repr(name)
            yield Violation(f"Cluster {cluster.name}: dbClusterParameterGroupName is {shown}, so the default "
                            "group leaves server_audit_logging at 0; this rule demands server_audit_logging=1 "
                            "with server_audit_events", "dbClusterParameterGroupName")
            return
        for group in joined(stack, cluster, "dbClusterParameterGroupName", groups, "name"):
            values = settings(group)
            if values.get("server_audit_logging") != "1" or not values.get("server_audit_events"):
                yield Violation(f"Cluster {cluster.name} uses ClusterParameterGroup {group.name}, whose "
                                f"server_audit_logging is {values.get('server_audit_logging', 'not set')!r} and "
                                f"server_audit_events {values.get('server_audit_events', 'not set')!r}; this rule "
                                "demands server_audit_logging=1 and a non-empty server_audit_events",
                                "dbClusterParameterGroupName")

    yield from each_resource(stack.of_type(RDS_CLUSTER), check)


RULE = StackRule(
    id="rds_aurora_mysql_audit_logging",
    title="Aurora MySQL clusters have audit logging enabled",
    description=(
        "Aurora MySQL records connections, queries and table access only when its cluster parameter group "
        "sets server_audit_logging=1 and names the events in server_audit_events; the default group does "
        "neither. (Exporting the log to CloudWatch is rds_cluster_log_exports.) A parameter group declared "
        "in the stack is joined by name or reference; one from outside cannot be decided before deploy and "
        "is left alone."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.45",), "seed": ("audited",)},
    remediation=(
        'Declare aws.rds.ClusterParameterGroup(..., family="aurora-mysql8.0", parameters=[...(name='
        '"server_audit_logging", value="1"), ...(name="server_audit_events", value="CONNECT,QUERY_DCL,'
        'QUERY_DDL")]) and set db_cluster_parameter_group_name=group.name on the aws.rds.Cluster.'
    ),
    evaluate=evaluate,
)
