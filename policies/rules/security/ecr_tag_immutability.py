"""ECR private repositories have immutable image tags."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    value = resource.get("imageTagMutability") or "MUTABLE"  # AWS's default
    allowed = ["IMMUTABLE", *(["IMMUTABLE_WITH_EXCLUSION"] if config["allow_exclusions"] else [])]
    if value not in allowed:
        yield Violation(f"image_tag_mutability is {value!r}; {' or '.join(allowed)} required "
                        "(AWS's default is MUTABLE)", "imageTagMutability")


RULE = ResourceRule(
    id="ecr_tag_immutability",
    title="ECR private repositories have tag immutability configured",
    description=(
        "With mutable tags anyone who can push can replace what `app:1.4.2` means, after it was scanned and "
        "approved; deployments pinned by tag then run an image nobody reviewed. IMMUTABLE makes every tag "
        "name one image for good."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ECR.2",), "seed": ("configuration-analysis",)},
    remediation='Set image_tag_mutability="IMMUTABLE" on aws.ecr.Repository and push a new tag per build.',
    resource_types=("aws:ecr/repository:Repository",),
    config={"allow_exclusions": {
        "type": "boolean", "default": False,
        "description": "also accept IMMUTABLE_WITH_EXCLUSION (tags matching the exclusion filters stay mutable)",
    }},
    evaluate=evaluate,
)
