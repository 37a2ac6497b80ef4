"""Redshift clusters are not behind a security group open to the internet on the cluster port (FSBP Redshift.15)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.data import REDSHIFT_CLUSTER, internet_openings
from .._lib.families import INGRESS_CONFIG

DEFAULT_PORT = 5439


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    def check(cluster: ResourceView) -> Iterator[Violation]:
        port = cluster.get("port")
        yield from internet_openings(stack, cluster, int(float(port)) if port is not None else DEFAULT_PORT, config)

    yield from each_resource(stack.of_type(REDSHIFT_CLUSTER), check)


RULE = StackRule(
    id="redshift_security_group_not_open",
    title="Redshift clusters are not behind a security group open to the internet on the cluster port",
    description=(
        "A security group in the cluster's vpcSecurityGroupIds that admits 0.0.0.0/0 or ::/0 to the cluster "
        "port (5439 unless port is set) or to every port exposes the warehouse's login to the internet. "
        "Groups and their separate ingress rule resources declared in the stack are resolved; a group from "
        "outside the stack cannot be decided before deploy and is left alone."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("Redshift.15",), "seed": ("firewalled",)},
    remediation=(
        "Attach a security group whose ingress on the cluster port names the clients' security group or "
        "private CIDRs, never 0.0.0.0/0."
    ),
    config=INGRESS_CONFIG,
    evaluate=evaluate,
)
