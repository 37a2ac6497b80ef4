"""RDS DB snapshots and cluster snapshots are encrypted at rest (FSBP RDS.4)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.data import (
    RDS_CLUSTER,
    RDS_CLUSTER_SNAPSHOT,
    RDS_INSTANCE,
    RDS_SNAPSHOT,
    joined,
    shown,
    truthy,
)

SNAPSHOT_COPY = "aws:rds/snapshotCopy:SnapshotCopy"
CLUSTER_SNAPSHOT_COPY = "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy"


def _unencrypted(source: ResourceView) -> str | None:
    """Why ``source`` (an Instance or Cluster) stores unencrypted data, or None when it is encrypted."""
    if source.type == RDS_CLUSTER and source.get("engineMode") == "serverless":
        return None  # Aurora Serverless v1 is always encrypted
    value = truthy(source.get("storageEncrypted"))
    return None if value else f"storageEncrypted is {shown(value, 'AWS default: unencrypted')}"


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    instances, clusters = stack.of_type(RDS_INSTANCE), stack.of_type(RDS_CLUSTER)
    snapshots = stack.of_type(RDS_SNAPSHOT)

    def snapshot_findings(snap: ResourceView) -> Iterator[Violation]:
        for source in joined(stack, snap, "dbInstanceIdentifier", instances, "identifier"):
            reason = _unencrypted(source)
            if reason:
                yield Violation(f"Snapshot {snap.name} is taken of Instance {source.name}, whose {reason}; "
                                "this rule demands encrypted snapshots", "dbInstanceIdentifier")

    def cluster_snapshot_findings(snap: ResourceView) -> Iterator[Violation]:
        for source in joined(stack, snap, "dbClusterIdentifier", clusters, "clusterIdentifier"):
            reason = _unencrypted(source)
            if reason:
                yield Violation(f"ClusterSnapshot {snap.name} is taken of Cluster {source.name}, whose {reason}; "
                                "this rule demands encrypted snapshots", "dbClusterIdentifier")

    def copy_findings(copy: ResourceView) -> Iterator[Violation]:
        if copy.get("kmsKeyId"):
            return  # a copy with a key is encrypted whatever its source
        for source in joined(stack, copy, "sourceDbSnapshotIdentifier", snapshots, "dbSnapshotIdentifier",
                             "dbSnapshotArn"):
            if list(snapshot_findings(source)):
                yield Violation(f"SnapshotCopy {copy.name} copies unencrypted Snapshot {source.name} without "
                                "kmsKeyId; this rule demands encrypted snapshots", "kmsKeyId")

    cluster_snapshots = stack.of_type(RDS_CLUSTER_SNAPSHOT)

    def cluster_copy_findings(copy: ResourceView) -> Iterator[Violation]:
        if copy.get("kmsKeyId"):
            return
        for source in joined(stack, copy, "sourceDbClusterSnapshotIdentifier", cluster_snapshots,
                             "dbClusterSnapshotIdentifier", "dbClusterSnapshotArn"):
            if list(cluster_snapshot_findings(source)):
                yield Violation(f"ClusterSnapshotCopy {copy.name} copies unencrypted ClusterSnapshot "
                                f"{source.name} without kmsKeyId; this rule demands encrypted snapshots", "kmsKeyId")

    yield from each_resource(snapshots, snapshot_findings)
    yield from each_resource(cluster_snapshots, cluster_snapshot_findings)
    yield from each_resource(stack.of_type(SNAPSHOT_COPY), copy_findings)
    yield from each_resource(stack.of_type(CLUSTER_SNAPSHOT_COPY), cluster_copy_findings)


RULE = StackRule(
    id="rds_snapshot_encrypted",
    title="RDS DB snapshots and cluster snapshots are encrypted at rest",
    description=(
        "A snapshot is encrypted exactly when the instance or cluster it is taken of is; a SnapshotCopy "
        "or ClusterSnapshotCopy with kmsKeyId is encrypted whatever its source. Snapshots of databases "
        "declared in the same stack are judged; a snapshot of a database outside the stack cannot be "
        "decided before deploy and is left alone. The unencrypted source itself is reported by "
        "rds_instance_storage_encrypted / rds_cluster_storage_encrypted; this finding is about the "
        "snapshot that now carries its data."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.4",), "seed": ("data-encryption",)},
    remediation=(
        "Encrypt the source (storage_encrypted=True, kms_key_id=...) or copy the snapshot with "
        "aws.rds.SnapshotCopy(..., kms_key_id=key.arn) and delete the unencrypted one."
    ),
    evaluate=evaluate,
)
