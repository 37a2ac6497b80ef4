"""MSK provisioned clusters require client authentication."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.messaging import dig


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if dig(resource.props, "clientAuthentication", "unauthenticated") is True:
        yield Violation("clientAuthentication.unauthenticated is true: any client that reaches a broker may "
                        "produce and consume without credentials", "clientAuthentication.unauthenticated")


RULE = ResourceRule(
    id="msk_cluster_no_unauthenticated_access",
    title="MSK clusters do not allow unauthenticated client access",
    description=(
        "With unauthenticated access on, network reachability is the only gate to every topic. The rule "
        "demands IAM, SASL/SCRAM or mutual-TLS authentication only. (Security Hub's MSK control for this "
        "could not be confirmed, so no FSBP id is claimed.)"
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("secure-access",)},
    remediation=(
        "Set client_authentication=aws.msk.ClusterClientAuthenticationArgs(unauthenticated=False, "
        "sasl=aws.msk.ClusterClientAuthenticationSaslArgs(iam=True))."
    ),
    resource_types=("aws:msk/cluster:Cluster",),
    evaluate=evaluate,
)
