"""EFS file systems are encrypted at rest with AWS KMS (FSBP EFS.1, EFS.8)."""

from ...framework import Severity
from .._lib.data import EFS_FILE_SYSTEM, flag_rule

RULE = flag_rule(
    "efs_file_system_encrypted",
    types=(EFS_FILE_SYSTEM,),
    prop="encrypted",
    want=True,
    default=False,
    default_note="API default: unencrypted (only the console defaults to encrypted)",
    title="EFS file systems are encrypted at rest with AWS KMS",
    description=(
        "Encryption at rest can only be chosen when a file system is created. The console turns it on, "
        "but CreateFileSystem (and so Pulumi) leaves it off unless encrypted is true; kmsKeyId then picks a "
        "customer managed key instead of aws/elasticfilesystem."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("EFS.1", "EFS.8"), "cis-aws-3.0": ("2.4.1",), "cis-aws-5.0": ("2.3.1",),
                "seed": ("data-encryption",)},
    remediation="Set encrypted=True and kms_key_id= the environment's data key ARN on the aws.efs.FileSystem.",
)
