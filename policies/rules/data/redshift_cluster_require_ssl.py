"""Redshift clusters require TLS through their parameter group (FSBP Redshift.2)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.data import REDSHIFT_CLUSTER, REDSHIFT_PARAMETER_GROUP, joined

ON = ("true", "1", "on")


def require_ssl(group: ResourceView) -> str | None:
    for p in group.get("parameters") or ():
        if str(p.get("name")).lower() == "require_ssl":
            return str(p.get("value"))
    return None


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    groups = stack.of_type(REDSHIFT_PARAMETER_GROUP)

    def check(cluster: ResourceView) -> Iterator[Violation]:
        name = cluster.get("clusterParameterGroupName")
        if name is None or str(name).startswith("default."):
            shown = "not set" if name is None else repr(name)
            yield Violation(f"Cluster {cluster.name}: clusterParameterGroupName is {shown}, so the default "
                            "parameter group (require_ssl false) applies; this rule demands a parameter group "
                            "with require_ssl true", "clusterParameterGroupName")
            return
        for group in joined(stack, cluster, "clusterParameterGroupName", groups, "name"):
            value = require_ssl(group)
            if value is None or value.lower() not in ON:
                now = "not set (default: false)" if value is None else repr(value)
                yield Violation(f"Cluster {cluster.name} uses ParameterGroup {group.name}, whose require_ssl is "
                                f"{now}; this rule demands true", "clusterParameterGroupName")

    yield from each_resource(stack.of_type(REDSHIFT_CLUSTER), check)


RULE = StackRule(
    id="redshift_cluster_require_ssl",
    title="Redshift clusters require TLS for client connections",
    description=(
        "Redshift accepts unencrypted connections unless the cluster's parameter group sets require_ssl "
        "to true; the default parameter group does not. A parameter group declared in the stack is joined "
        "by name or reference; one from outside the stack cannot be decided before deploy and is left alone."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Redshift.2",), "seed": ("data-encryption",)},
    remediation=(
        'Declare aws.redshift.ParameterGroup(..., family="redshift-1.0", parameters=[aws.redshift.'
        'ParameterGroupParameterArgs(name="require_ssl", value="true")]) and set '
        "cluster_parameter_group_name=group.name on the aws.redshift.Cluster."
    ),
    evaluate=evaluate,
)
