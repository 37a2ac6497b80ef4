"""EFS access points enforce a root directory other than / (FSBP EFS.3)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import EFS_ACCESS_POINT, lookup


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    path = lookup(resource, "rootDirectory.path")
    if path is None or str(path).rstrip("/") == "":
        now = "not set (AWS default: /)" if path is None else repr(path)
        yield Violation(f"AccessPoint {resource.name}: rootDirectory.path is {now}, the file system's root; "
                        "this rule demands a subdirectory", "rootDirectory.path")


RULE = ResourceRule(
    id="efs_access_point_root_directory",
    title="EFS access points enforce a root directory other than the file system root",
    description=(
        "An access point whose root directory is / hands every client the whole file system; a "
        "subdirectory confines the application to its own data. AWS uses / when rootDirectory is left out."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("EFS.3",), "seed": ("secure-access",)},
    remediation=(
        'Set root_directory=aws.efs.AccessPointRootDirectoryArgs(path="/app", creation_info=...('
        'owner_uid=1000, owner_gid=1000, permissions="750")) on the aws.efs.AccessPoint.'
    ),
    resource_types=(EFS_ACCESS_POINT,),
    evaluate=evaluate,
)
