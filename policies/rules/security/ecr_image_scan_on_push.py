"""ECR private repositories scan images on push, themselves or through the registry's scanning rules."""

from collections.abc import Iterator, Mapping
from fnmatch import fnmatchcase
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource

REPOSITORY = "aws:ecr/repository:Repository"
REGISTRY_SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration"
SCANNING_FREQUENCIES = ("SCAN_ON_PUSH", "CONTINUOUS_SCAN")


def _registry_scans(config: ResourceView, repository: ResourceView) -> bool:
    """A registry rule scanning on push or continuously whose WILDCARD filter matches the repository."""
    for rule in config.get("rules") or ():
        if rule.get("scanFrequency") not in SCANNING_FREQUENCIES:
            continue
        for flt in rule.get("repositoryFilters") or ():
            pattern = str(flt.get("filter") or "")
            if pattern == "*" or fnmatchcase(str(repository.get("name") or ""), pattern):
                return True
    return False


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    registry = stack.of_type(REGISTRY_SCANNING)

    def check(repository: ResourceView) -> Iterator[Violation]:
        scanning = repository.get("imageScanningConfiguration") or {}
        if scanning.get("scanOnPush") is True or config["registry_scanning_elsewhere"]:
            return
        if any(_registry_scans(r, repository) for r in registry):
            return
        yield Violation(f"repository {repository.name}: scan_on_push is {scanning.get('scanOnPush')!r} and no "
                        "registry scanning rule (SCAN_ON_PUSH or CONTINUOUS_SCAN) covers it",
                        "imageScanningConfiguration.scanOnPush")

    yield from each_resource(stack.of_type(REPOSITORY), check)


RULE = StackRule(
    id="ecr_image_scan_on_push",
    title="ECR private repositories scan images on push",
    description=(
        "An image pushed without a scan reaches a cluster with whatever CVEs its layers carry and nobody "
        "is told. Passes with image_scanning_configuration.scan_on_push=True on the repository, or with an "
        "ECR RegistryScanningConfiguration in the same stack whose SCAN_ON_PUSH or CONTINUOUS_SCAN rule has "
        "a WILDCARD filter matching the repository. AWS's default for a new repository is no scanning."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("ECR.1",), "seed": ("frequent-updates", "configuration-analysis")},
    remediation=(
        "Set image_scanning_configuration=aws.ecr.RepositoryImageScanningConfigurationArgs(scan_on_push=True) "
        "on aws.ecr.Repository, or declare aws.ecr.RegistryScanningConfiguration(scan_type=\"ENHANCED\", "
        "rules=[...(scan_frequency=\"CONTINUOUS_SCAN\", repository_filters=[...(filter=\"*\", "
        "filter_type=\"WILDCARD\")])])."
    ),
    config={"registry_scanning_elsewhere": {
        "type": "boolean", "default": False,
        "description": ("the account's registry scanning configuration lives in another stack and covers every "
                        "repository: pass repositories without scan_on_push"),
    }},
    evaluate=evaluate,
)
