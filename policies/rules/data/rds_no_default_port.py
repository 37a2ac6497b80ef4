"""RDS DB instances and clusters do not listen on their engine's default port (FSBP RDS.23)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import DEFAULT_PORTS, RDS_CLUSTER, RDS_INSTANCE, engine_family, kind


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    engine = resource.get("engine") or ("aurora" if resource.type == RDS_CLUSTER else None)
    family = engine_family(engine)
    if family is None:  # a replica without an engine takes its source's port; unknown engines: no default
        return
    default = DEFAULT_PORTS[family]
    port = resource.get("port")
    if port is None:
        yield Violation(f"{kind(resource)} {resource.name}: port is not set, so {engine} listens on its default "
                        f"{default}; this rule demands another port", "port")
    elif float(port) == default:
        yield Violation(f"{kind(resource)} {resource.name}: port is {default}, the {engine} default; this rule "
                        "demands another port", "port")


RULE = ResourceRule(
    id="rds_no_default_port",
    title="RDS DB instances and clusters do not use their engine's default port",
    description=(
        "Scanners probe 3306, 5432, 1433, 1521 first; a non-default port takes a database out of the "
        "cheapest sweeps (it is no substitute for closed security groups). AWS uses the engine default "
        "when port is left out."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("RDS.23",), "seed": ("firewalled",)},
    remediation="Set port= a non-default port (e.g. 13306, 15432) on the aws.rds.Instance / aws.rds.Cluster.",
    resource_types=(RDS_INSTANCE, RDS_CLUSTER),
    evaluate=evaluate,
)
