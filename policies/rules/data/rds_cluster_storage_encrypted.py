"""RDS DB clusters (Aurora and Multi-AZ DB clusters) are encrypted at rest (FSBP RDS.27)."""

from ...framework import ResourceView, Severity
from .._lib.data import RDS_CLUSTER, flag_rule


def _applies(resource: ResourceView) -> bool:
    # Aurora Serverless v1 clusters are always encrypted; a cross-region replica cluster follows its
    # source (which is judged itself).
    return resource.get("engineMode") != "serverless" and not resource.get("replicationSourceIdentifier")


RULE = flag_rule(
    "rds_cluster_storage_encrypted",
    types=(RDS_CLUSTER,),
    prop="storageEncrypted",
    want=True,
    default=False,
    default_note="AWS default for provisioned clusters: unencrypted",
    applies=_applies,
    title="RDS DB clusters are encrypted at rest",
    description=(
        "An Aurora or Multi-AZ DB cluster's storage, backups and snapshots are encrypted only if the "
        "cluster is created with storageEncrypted true; it cannot be turned on later. Provisioned clusters "
        "default to unencrypted; Aurora Serverless v1 is always encrypted and is not judged."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.27",), "seed": ("data-encryption",)},
    remediation=(
        "Set storage_encrypted=True and kms_key_id= the environment's data key ARN on the aws.rds.Cluster; "
        "an existing cluster must be restored from a snapshot copied with a KMS key."
    ),
)
