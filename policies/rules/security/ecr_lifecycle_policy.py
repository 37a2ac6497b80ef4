"""Every ECR repository has a lifecycle policy (an aws.ecr.LifecyclePolicy naming it)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.security import owned_by

REPOSITORY = "aws:ecr/repository:Repository"
LIFECYCLE_POLICY = "aws:ecr/lifecyclePolicy:LifecyclePolicy"


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    policies = stack.of_type(LIFECYCLE_POLICY)

    def check(repository: ResourceView) -> Iterator[Violation]:
        if not any(owned_by(stack, p, "repository", repository) and p.get("policy") for p in policies):
            yield Violation(f"repository {repository.name} has no lifecycle policy")

    yield from each_resource(stack.of_type(REPOSITORY), check)


RULE = StackRule(
    id="ecr_lifecycle_policy",
    title="ECR repositories have at least one lifecycle policy",
    description=(
        "Without a lifecycle policy every image ever pushed stays pullable: old builds with known CVEs remain "
        "one tag away from production and storage grows without bound. AWS creates no lifecycle policy by "
        "default."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ECR.3",), "seed": ("frequent-updates",)},
    remediation=(
        "Add aws.ecr.LifecyclePolicy(repository=repo.name, policy=json.dumps({\"rules\": [{\"rulePriority\": 1, "
        "\"selection\": {\"tagStatus\": \"any\", \"countType\": \"imageCountMoreThan\", \"countNumber\": 50}, "
        "\"action\": {\"type\": \"expire\"}}]}))."
    ),
    evaluate=evaluate,
)
