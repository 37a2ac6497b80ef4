"""MSK clusters encrypt traffic between brokers and to clients with TLS (MSK.1)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.messaging import dig


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    transit = dig(resource.props, "encryptionInfo", "encryptionInTransit") or {}
    if transit.get("inCluster") is False:
        yield Violation("encryptionInTransit.inCluster is false: brokers replicate data to each other in "
                        "plaintext (AWS default: true)", "encryptionInfo.encryptionInTransit.inCluster")
    client = transit.get("clientBroker")
    if client is not None and client != "TLS":
        yield Violation(f"encryptionInTransit.clientBroker is {client!r}: clients may connect in plaintext "
                        "(AWS default: TLS)", "encryptionInfo.encryptionInTransit.clientBroker")


RULE = ResourceRule(
    id="msk_cluster_encrypted_in_transit",
    title="MSK clusters use TLS between brokers and between clients and brokers",
    description=(
        "MSK encrypts broker-to-broker and client-to-broker traffic with TLS by default; both can be "
        "turned off at creation. The rule fails a cluster that sets inCluster=false (the MSK.1 control) "
        "or allows PLAINTEXT / TLS_PLAINTEXT client connections (beyond MSK.1). Serverless clusters "
        "always use TLS."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("MSK.1",), "seed": ("data-encryption",)},
    remediation=(
        "Remove in_cluster=False and set client_broker=\"TLS\" in encryption_info=aws.msk.ClusterEncryptionInfoArgs("
        "encryption_in_transit=aws.msk.ClusterEncryptionInfoEncryptionInTransitArgs(...)) (in_cluster "
        "cannot change after creation: the cluster is replaced)."
    ),
    resource_types=("aws:msk/cluster:Cluster",),
    evaluate=evaluate,
)
