"""EKS clusters run a Kubernetes version EKS still supports (FSBP EKS.2)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.containers import EKS_CLUSTER


def _parts(version: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(p) for p in version.strip().split(".")[:2])
    except ValueError:
        return None


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    version = resource.get("version")
    if version is None:
        return  # EKS creates the cluster on its current default version
    oldest = str(config["oldest_supported_version"])
    have, floor = _parts(str(version)), _parts(oldest)
    if have is None:
        yield Violation(f"version {version!r} is not a Kubernetes minor version such as \"1.33\"", "version")
    elif floor is not None and have < floor:
        yield Violation(f"Kubernetes {version} is older than {oldest}, the oldest version EKS still supports; "
                        "the rule demands a supported version", "version")


RULE = ResourceRule(
    id="eks_supported_version",
    title="EKS clusters run on a supported Kubernetes version",
    description=(
        "Versions past EKS's support window get no security patches, and EKS eventually upgrades them on "
        "its own schedule. The floor is a config value: 1.32 is the oldest version still in (extended) "
        "support in December 2026; raise it as AWS retires versions. Leaving version out lets EKS pick "
        "its current default, which passes."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("EKS.2",), "seed": ("frequent-updates",)},
    remediation='Set version= a supported Kubernetes minor (e.g. "1.34") on aws.eks.Cluster and upgrade '
                "node groups and add-ons with it.",
    resource_types=(EKS_CLUSTER,),
    config={"oldest_supported_version": {"type": "string", "default": "1.32",
                                         "description": "oldest Kubernetes minor version EKS still supports "
                                                        "(FSBP EKS.2's oldestVersionSupported)"}},
    evaluate=evaluate,
)
