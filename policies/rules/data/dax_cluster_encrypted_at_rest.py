"""DynamoDB Accelerator (DAX) clusters are encrypted at rest (FSBP DynamoDB.3)."""

from ...framework import Severity
from .._lib.data import DAX_CLUSTER, flag_rule

RULE = flag_rule(
    "dax_cluster_encrypted_at_rest",
    types=(DAX_CLUSTER,),
    prop="serverSideEncryption.enabled",
    want=True,
    default=False,
    default_note="AWS default: unencrypted",
    title="DynamoDB Accelerator (DAX) clusters are encrypted at rest",
    description=(
        "A DAX node caches table items on its disks; without server-side encryption they sit there in "
        "clear. AWS creates DAX clusters unencrypted unless serverSideEncryption.enabled is true, and it "
        "cannot be changed after creation."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("DynamoDB.3",), "seed": ("data-encryption",)},
    remediation=("Set server_side_encryption=aws.dax.ClusterServerSideEncryptionArgs(enabled=True) on the "
                 "aws.dax.Cluster."),
)
