"""Fargate services run the latest Fargate platform version (FSBP ECS.10)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.containers import ECS_SERVICE

FARGATE_PROVIDERS = frozenset({"FARGATE", "FARGATE_SPOT"})


def _on_fargate(resource: ResourceView) -> bool:
    if str(resource.get("launchType") or "").upper() == "FARGATE":
        return True
    strategies = resource.get("capacityProviderStrategies") or ()
    return any(str(s.get("capacityProvider") or "").upper() in FARGATE_PROVIDERS for s in strategies)


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if not _on_fargate(resource):
        return
    version = resource.get("platformVersion")
    if version is None or str(version).upper() == "LATEST":
        return
    if str(version) not in {str(v) for v in config["latest_versions"]}:
        yield Violation(f"Fargate service pins platformVersion {version!r}; the rule demands LATEST (the AWS "
                        f"default when left out) or one of {list(config['latest_versions'])}", "platformVersion")


RULE = ResourceRule(
    id="ecs_fargate_latest_platform",
    title="ECS Fargate services run on the latest Fargate platform version",
    description=(
        "Fargate platform versions bundle the kernel and container runtime; a pinned old version misses "
        "their security fixes and features. A service on the FARGATE launch type or a FARGATE/FARGATE_SPOT "
        "capacity provider passes with platformVersion left out or LATEST, or pinned to a version listed "
        "as latest."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ECS.10",), "seed": ("frequent-updates",)},
    remediation='Remove platform_version from aws.ecs.Service (or set platform_version="LATEST").',
    resource_types=(ECS_SERVICE,),
    config={"latest_versions": {"type": "array", "items": {"type": "string"}, "default": ["1.4.0"],
                                "description": "pinned platform versions accepted as latest (1.4.0 for Linux; "
                                               "add 1.0.0 for Windows Fargate services)"}},
    evaluate=evaluate,
)
