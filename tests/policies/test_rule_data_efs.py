"""EFS rules over aws.efs.FileSystem, AccessPoint, BackupPolicy and MountTarget (joined to ec2.Subnet)."""

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function


def backup(name: str, fs: aws.efs.FileSystem, status: str) -> aws.efs.BackupPolicy:
    return aws.efs.BackupPolicy(name, file_system_id=fs.id,
                                backup_policy=aws.efs.BackupPolicyBackupPolicyArgs(status=status))


def test_file_system_encrypted() -> None:
    def program() -> None:
        aws.efs.FileSystem("ok-kms", encrypted=True, kms_key_id="arn:aws:kms:eu-west-1:1:key/x")
        aws.efs.FileSystem("ok-aws-managed", encrypted=True)
        aws.efs.FileSystem("implicit")
        aws.efs.FileSystem("plain", encrypted=False)

    graph = run_function(program)
    found = violations("efs_file_system_encrypted", graph)
    assert set(found) == {"implicit", "plain"}
    assert "only the console defaults to encrypted" in found["implicit"][0].message


def test_access_point_root_directory_and_user() -> None:
    def program() -> None:
        fs = aws.efs.FileSystem("fs", encrypted=True)
        aws.efs.AccessPoint("ok-ap", file_system_id=fs.id,
                            root_directory=aws.efs.AccessPointRootDirectoryArgs(path="/app"),
                            posix_user=aws.efs.AccessPointPosixUserArgs(uid=1000, gid=1000))
        aws.efs.AccessPoint("bare", file_system_id=fs.id)
        aws.efs.AccessPoint("slash-root", file_system_id=fs.id,
                            root_directory=aws.efs.AccessPointRootDirectoryArgs(path="/"),
                            posix_user=aws.efs.AccessPointPosixUserArgs(uid=1000, gid=1000))

    graph = run_function(program)
    assert set(violations("efs_access_point_root_directory", graph)) == {"bare", "slash-root"}
    assert set(violations("efs_access_point_user_identity", graph)) == {"bare"}
    assert violations("efs_access_point_root_directory", graph)["slash-root"][0].message == (
        "AccessPoint slash-root: rootDirectory.path is '/', the file system's root; this rule demands a subdirectory")


def test_automatic_backups() -> None:
    def program() -> None:
        ok = aws.efs.FileSystem("ok-backed-up", encrypted=True)
        backup("ok-policy", ok, "ENABLED")
        aws.efs.FileSystem("no-policy", encrypted=True)
        off = aws.efs.FileSystem("fs-off", encrypted=True)
        backup("policy-off", off, "DISABLED")

    graph = run_function(program)
    found = violations("efs_automatic_backups", graph)
    assert set(found) == {"no-policy", "policy-off"}
    assert found["policy-off"][0].message == (
        "BackupPolicy policy-off of FileSystem fs-off has status 'DISABLED'; this rule demands 'ENABLED'")
    assert set(violations("efs_automatic_backups", graph, {"exemptions": ["no-*"]})) == {"policy-off"}


def test_automatic_backups_unknown_status_is_cannot_decide() -> None:
    def program() -> None:
        fs = aws.efs.FileSystem("pending-fs", encrypted=True)
        backup("pending-policy", fs, unknown("ENABLED"))  # type: ignore[arg-type]

    found = violations("efs_automatic_backups", run_function(program))
    assert set(found) == {"pending-fs"}
    assert found["pending-fs"][0].message.startswith("cannot decide: backupPolicy.status")


def test_mount_target_private_subnet() -> None:
    def program() -> None:
        fs = aws.efs.FileSystem("fs", encrypted=True)
        private = aws.ec2.Subnet("private", vpc_id="vpc-1", cidr_block="10.0.1.0/24")
        public = aws.ec2.Subnet("public", vpc_id="vpc-1", cidr_block="10.0.2.0/24", map_public_ip_on_launch=True)
        aws.efs.MountTarget("ok-private", file_system_id=fs.id, subnet_id=private.id)
        aws.efs.MountTarget("ok-external-subnet", file_system_id=fs.id, subnet_id="subnet-0123456789abcdef0")
        aws.efs.MountTarget("in-public", file_system_id=fs.id, subnet_id=public.id)

    assert evaluate_rule("efs_mount_target_private_subnet", program) == {"in-public"}
