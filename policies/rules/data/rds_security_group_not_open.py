"""RDS databases are not behind a security group open to the internet on their port or on all ports."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.data import DEFAULT_PORTS, RDS_CLUSTER, RDS_INSTANCE, engine_family, internet_openings
from .._lib.families import INGRESS_CONFIG


def db_port(db: ResourceView) -> int | None:
    port = db.get("port")
    if port is not None:
        return int(float(port))
    engine = db.get("engine") or ("aurora" if db.type == RDS_CLUSTER else None)
    family = engine_family(engine)
    return DEFAULT_PORTS[family] if family else None


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    def check(db: ResourceView) -> Iterator[Violation]:
        yield from internet_openings(stack, db, db_port(db), config)

    yield from each_resource(stack.of_type(RDS_INSTANCE, RDS_CLUSTER), check)


RULE = StackRule(
    id="rds_security_group_not_open",
    title="RDS databases are not behind a security group open to the internet on their port or all ports",
    description=(
        "An instance or cluster whose vpcSecurityGroupIds include a security group admitting 0.0.0.0/0 or "
        "::/0 to the database port (or to every port) is one publiclyAccessible flag, peering or "
        "misrouted subnet away from the internet. Security groups and their separate SecurityGroupRule / "
        "vpc.SecurityGroupIngressRule resources declared in the stack are resolved; a group id from "
        "outside the stack cannot be decided before deploy and is left alone. The port is the declared "
        "one or the engine's default; Aurora members inherit the cluster's groups."
    ),
    severity=Severity.HIGH,
    frameworks={"seed": ("firewalled",)},
    remediation=(
        "Attach a database security group whose ingress names the application's security group "
        "(source_security_group_id / referenced_security_group_id) or private CIDRs, never 0.0.0.0/0."
    ),
    config=INGRESS_CONFIG,
    evaluate=evaluate,
)
