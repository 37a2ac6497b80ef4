"""RDS DB instances are encrypted at rest (FSBP RDS.3)."""

from ...framework import ResourceView, Severity
from .._lib.data import RDS_INSTANCE, flag_rule


def _not_replica(resource: ResourceView) -> bool:
    # A read replica inherits its source's encryption (a cross-region one takes kms_key_id instead);
    # the source instance is judged itself.
    return not resource.get("replicateSourceDb")


RULE = flag_rule(
    "rds_instance_storage_encrypted",
    types=(RDS_INSTANCE,),
    prop="storageEncrypted",
    want=True,
    default=False,
    default_note="AWS default: unencrypted",
    applies=_not_replica,
    title="RDS DB instances are encrypted at rest",
    description=(
        "Storage encryption covers the volume, automated backups, snapshots and replicas; it can only be "
        "chosen at creation, so an unencrypted database must be rebuilt from an encrypted snapshot copy. "
        "AWS creates instances unencrypted unless storageEncrypted is true. Read replicas inherit their "
        "source's setting and are not judged. Aurora encryption is set on the cluster "
        "(rds_cluster_storage_encrypted)."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.3",), "cis-aws-3.0": ("2.3.1",), "cis-aws-5.0": ("2.2.1",),
                "seed": ("data-encryption",)},
    remediation=(
        "Set storage_encrypted=True (and kms_key_id= the environment's data key ARN) on the aws.rds.Instance; "
        "for an existing instance restore it from a snapshot copied with a KMS key."
    ),
)
