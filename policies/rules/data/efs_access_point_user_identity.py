"""EFS access points enforce a POSIX user identity (FSBP EFS.4)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import EFS_ACCESS_POINT


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not resource.get("posixUser"):
        yield Violation(f"AccessPoint {resource.name}: posixUser is not set, so NFS clients act as whatever "
                        "uid/gid they claim; this rule demands an enforced user identity", "posixUser")


RULE = ResourceRule(
    id="efs_access_point_user_identity",
    title="EFS access points enforce a POSIX user identity",
    description=(
        "With posixUser the access point overrides the uid/gid of every request, so a client cannot claim "
        "root or another application's user. AWS enforces no identity when posixUser is left out."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("EFS.4",), "seed": ("user-management",)},
    remediation="Set posix_user=aws.efs.AccessPointPosixUserArgs(uid=1000, gid=1000) on the aws.efs.AccessPoint.",
    resource_types=(EFS_ACCESS_POINT,),
    evaluate=evaluate,
)
