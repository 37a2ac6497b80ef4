"""EFS file systems have automatic backups enabled (FSBP EFS.7)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.data import EFS_BACKUP_POLICY, EFS_FILE_SYSTEM, joined, lookup


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    policies = stack.of_type(EFS_BACKUP_POLICY)

    def check(fs: ResourceView) -> Iterator[Violation]:
        mine = [p for p in policies if joined(stack, p, "fileSystemId", [fs])]
        if not mine:
            yield Violation(f"FileSystem {fs.name} has no aws.efs.BackupPolicy, so automatic backups are off "
                            "(AWS turns them on only for file systems created in the console); this rule "
                            "demands status ENABLED", "backupPolicy")
        for policy in mine:
            status = lookup(policy, "backupPolicy.status")
            if status != "ENABLED":
                yield Violation(f"BackupPolicy {policy.name} of FileSystem {fs.name} has status {status!r}; "
                                "this rule demands 'ENABLED'", "backupPolicy.status", policy.urn)

    yield from each_resource(stack.of_type(EFS_FILE_SYSTEM), check)


RULE = StackRule(
    id="efs_automatic_backups",
    title="EFS file systems have automatic backups enabled",
    description=(
        "EFS automatic backups put the file system in AWS Backup's default plan (daily, 35 days). They are "
        "on by default only in the console; through the API they need an aws.efs.BackupPolicy with status "
        "ENABLED. FSBP's EFS.2 (the file system is in any AWS Backup plan) cannot be decided per file "
        "system before deploy, because backup selections may match by tag or by ARN wildcard; this rule "
        "decides EFS.7."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("EFS.7",), "seed": ("high-availability",)},
    remediation=(
        "Add aws.efs.BackupPolicy(..., file_system_id=fs.id, backup_policy=aws.efs.BackupPolicyBackupPolicyArgs("
        'status="ENABLED")) for the file system.'
    ),
    evaluate=evaluate,
)
