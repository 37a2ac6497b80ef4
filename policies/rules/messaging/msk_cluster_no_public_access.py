"""MSK provisioned clusters do not expose brokers to the internet."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.messaging import dig

PATH = "brokerNodeGroupInfo.connectivityInfo.publicAccess.type"


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    kind = dig(resource.props, *PATH.split("."))
    if kind is not None and kind != "DISABLED":
        yield Violation(f"publicAccess.type is {kind!r}: brokers get public endpoints reachable from the "
                        "internet (AWS default: DISABLED)", PATH)


RULE = ResourceRule(
    id="msk_cluster_no_public_access",
    title="MSK clusters keep public access disabled",
    description=(
        "Public access gives every broker an internet-facing endpoint; only security groups and client "
        "authentication stand between the internet and the topics. AWS's default is DISABLED; the rule "
        "fails SERVICE_PROVIDED_EIPS. (Security Hub's MSK control for this could not be confirmed, so no "
        "FSBP id is claimed.)"
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("isolated-and-controlled",)},
    remediation=(
        'Set broker_node_group_info.connectivity_info.public_access.type="DISABLED" (or drop it) and reach '
        "the cluster through the VPC, PrivateLink or multi-VPC private connectivity."
    ),
    resource_types=("aws:msk/cluster:Cluster",),
    evaluate=evaluate,
)
