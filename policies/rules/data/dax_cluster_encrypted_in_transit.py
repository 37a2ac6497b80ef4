"""DynamoDB Accelerator (DAX) clusters encrypt client connections with TLS (FSBP DynamoDB.7)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import DAX_CLUSTER, shown


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    value = resource.get("clusterEndpointEncryptionType")
    if value != "TLS":
        yield Violation(f"Cluster {resource.name}: clusterEndpointEncryptionType is "
                        f"{shown(value, 'AWS default: NONE')}; this rule demands 'TLS'",
                        "clusterEndpointEncryptionType")


RULE = ResourceRule(
    id="dax_cluster_encrypted_in_transit",
    title="DynamoDB Accelerator (DAX) clusters encrypt client connections with TLS",
    description=(
        "Without endpoint encryption DAX serves cached items to clients in plain text inside the VPC. AWS "
        "defaults clusterEndpointEncryptionType to NONE, and it cannot be changed after creation."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("DynamoDB.7",), "seed": ("data-encryption",)},
    remediation=('Set cluster_endpoint_encryption_type="TLS" on the aws.dax.Cluster (and connect with a '
                 "TLS-capable client)."),
    resource_types=(DAX_CLUSTER,),
    evaluate=evaluate,
)
