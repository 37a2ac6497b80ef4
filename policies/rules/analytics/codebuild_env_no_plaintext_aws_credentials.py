"""CodeBuild projects do not hold AWS access keys in plaintext environment variables (CodeBuild.2)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

CREDENTIAL_NAMES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    names = {n.upper() for n in config["credential_variable_names"]}
    variables = (resource.get("environment") or {}).get("environmentVariables") or []
    for i, var in enumerate(variables):
        name = str(var.get("name") or "")
        kind = var.get("type") or "PLAINTEXT"  # CodeBuild's default type
        if name.upper() in names and kind == "PLAINTEXT":
            yield Violation(f"environment variable {name} is PLAINTEXT: its value is visible to anyone who can "
                            "read the project definition or Pulumi state; use SECRETS_MANAGER or "
                            "PARAMETER_STORE, or drop it and use the service role",
                            f"environment.environmentVariables[{i}].type")


RULE = ResourceRule(
    id="codebuild_env_no_plaintext_aws_credentials",
    title="CodeBuild environment variables do not hold AWS credentials in plaintext",
    description=(
        "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY as PLAINTEXT variables (the default type) are "
        "long-lived keys readable through BatchGetProjects, the console and state files. The build "
        "already gets temporary credentials from its service role."
    ),
    severity=Severity.CRITICAL,
    frameworks={"aws-fsbp": ("CodeBuild.2",), "seed": ("secure-access", "user-management")},
    remediation=(
        "Delete the variables and grant the project's service_role what the build needs; if a key must be "
        'passed, set type="SECRETS_MANAGER" (or "PARAMETER_STORE") with value= the secret\'s name.'
    ),
    resource_types=("aws:codebuild/project:Project",),
    config={"credential_variable_names": {
        "type": "array", "items": {"type": "string"}, "default": CREDENTIAL_NAMES,
        "description": "variable names that must never be PLAINTEXT"}},
    evaluate=evaluate,
)
