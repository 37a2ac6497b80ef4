"""RDS DB snapshots and cluster snapshots are not shared publicly (FSBP RDS.1)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import RDS_CLUSTER_SNAPSHOT, RDS_SNAPSHOT, kind, strings

SNAPSHOT_TYPES = (RDS_SNAPSHOT, RDS_CLUSTER_SNAPSHOT, "aws:rds/snapshotCopy:SnapshotCopy",
                  "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy")


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    for i, account in enumerate(strings(resource.get("sharedAccounts"))):
        if account.lower() == "all":
            yield Violation(f"{kind(resource)} {resource.name}: sharedAccounts[{i}] is 'all', so every AWS account "
                            "can restore the snapshot; this rule demands named accounts only",
                            f"sharedAccounts[{i}]")


RULE = ResourceRule(
    id="rds_snapshot_not_public",
    title="RDS DB snapshots and cluster snapshots are not shared publicly",
    description=(
        "sharedAccounts=['all'] makes a manual snapshot restorable by any AWS account, which hands over "
        "the whole database. Snapshots are private unless shared; sharing with named account ids passes."
    ),
    severity=Severity.CRITICAL,
    frameworks={"aws-fsbp": ("RDS.1",), "seed": ("isolated-and-controlled",)},
    remediation='Remove "all" from shared_accounts on the aws.rds Snapshot / ClusterSnapshot / SnapshotCopy; '
                "list the account ids that need it.",
    resource_types=SNAPSHOT_TYPES,
    evaluate=evaluate,
)
