"""CodeBuild project environments do not run in privileged mode (CodeBuild.5)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if (resource.get("environment") or {}).get("privilegedMode") is True:
        yield Violation("environment.privilegedMode is true: the build container gets every host device and "
                        "can run a Docker daemon (AWS default: false)", "environment.privilegedMode")


RULE = ResourceRule(
    id="codebuild_no_privileged_mode",
    title="CodeBuild project environments do not enable privileged mode",
    description=(
        "Privileged mode gives the build container access to all devices so it can run Docker; a "
        "malicious dependency or pull request then controls far more than the build. Only projects "
        "that build container images need it: exempt those by name."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("CodeBuild.5",), "seed": ("isolated-and-controlled",)},
    remediation=(
        "Remove privileged_mode=True from the Project's environment; for image builds, exempt the project "
        "in the pack config or build with a daemonless tool (kaniko, buildah)."
    ),
    resource_types=("aws:codebuild/project:Project",),
    evaluate=evaluate,
)
