"""CodeBuild projects carry no plaintext secrets in their environment variables (beyond AWS keys)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, UnknownValueError, Violation
from .._lib.secrets import SECRET_NAMES_CONFIG, describe, detector, names_secret, secret_kinds

# codebuild_env_no_plaintext_aws_credentials (FSBP CodeBuild.2) judges these; one finding per defect.
_AWS_KEYS = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    variables = (resource.get("environment") or {}).get("environmentVariables") or []
    names = list(config["secret_names"])
    pending: UnknownValueError | None = None  # raised after every known variable was judged
    with detector():
        for i, var in enumerate(variables):
            name = str(var.get("name") or "")
            if (var.get("type") or "PLAINTEXT") != "PLAINTEXT" or name.upper() in _AWS_KEYS:
                continue  # PARAMETER_STORE / SECRETS_MANAGER values are names, not secrets
            try:
                value = var.get("value")
            except UnknownValueError as err:
                # Another resource's output, not a literal of the program, unless the name says secret.
                if names_secret(name, names):
                    pending = pending or err
                continue
            kinds = secret_kinds(name, value, names)
            if kinds:
                yield Violation(f"environment variable {name} is PLAINTEXT and holds a secret "
                                f"({describe(kinds, value)}); the rule demands type SECRETS_MANAGER or "
                                "PARAMETER_STORE with the secret's name as the value",
                                f"environment.environmentVariables[{i}].value")
    if pending is not None:
        raise pending


RULE = ResourceRule(
    id="codebuild_env_no_plaintext_secrets",
    title="CodeBuild environment variables hold no plaintext secrets",
    description=(
        "PLAINTEXT (the default type) variables are returned by codebuild:BatchGetProjects and shown in "
        "the console and build logs' environment. Findings come from detect-secrets (Yelp), as for Lambda "
        "and ECS environments: a variable whose name says it holds a secret (token, password, api_key, ... "
        "and the configured secret_names) with a literal value, or any value in a credential's format. "
        "AWS access keys are left to codebuild_env_no_plaintext_aws_credentials (FSBP CodeBuild.2)."
    ),
    severity=Severity.HIGH,
    frameworks={"seed": ("secure-access",)},
    remediation=(
        'Store the value in aws.secretsmanager.Secret (or an SSM SecureString) and declare the variable with '
        'type="SECRETS_MANAGER" (or "PARAMETER_STORE") and value= the secret\'s name or ARN.'
    ),
    resource_types=("aws:codebuild/project:Project",),
    config=SECRET_NAMES_CONFIG,
    evaluate=evaluate,
)
