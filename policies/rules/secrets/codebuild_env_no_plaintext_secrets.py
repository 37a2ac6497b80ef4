"""CodeBuild projects carry no plaintext secrets in their environment variables (beyond AWS keys)."""

from collections.abc import Iterator, Mapping
from typing import Any

from framework import ResourceView, Rule, Severity, Violation
from pulumi_policy.proxy import UnknownValueError

from rules._lib.secrets import SECRET_NAMES_CONFIG, describe, detector, names_secret, pending_values, secret_kinds


class _Values(Mapping[str, Any]):
    """Variable name -> value, read on access so a preview-unknown value spoils only its own key."""

    def __init__(self, variables: dict[str, Any]) -> None:
        self._variables = variables

    def __getitem__(self, name: str) -> Any:
        return self._variables[name].get("value")

    def __iter__(self) -> Iterator[str]:
        return iter(self._variables)

    def __len__(self) -> int:
        return len(self._variables)


# codebuild_env_no_plaintext_aws_credentials (FSBP CodeBuild.2) judges these; one finding per defect.
_AWS_KEYS = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def _unknown(var: Any) -> bool:
    try:
        var.get("value")
    except UnknownValueError:
        return True
    return False


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    variables = (resource.get("environment") or {}).get("environmentVariables") or []
    names = list(config["secret_names"])
    plaintext: dict[str, Any] = {}
    where: dict[str, int] = {}
    for i, var in enumerate(variables):
        name = str(var.get("name") or "")
        if (var.get("type") or "PLAINTEXT") != "PLAINTEXT" or name.upper() in _AWS_KEYS:
            continue  # PARAMETER_STORE / SECRETS_MANAGER values are names, not secrets
        if not names_secret(name, names) and _unknown(var):
            continue  # another resource's output, not a literal of the program; a secret name stays judged
        plaintext[name], where[name] = var, i
    with detector():
        for name, value in pending_values(_Values(plaintext)):
            kinds = secret_kinds(name, value, names)
            if kinds:
                yield Violation(f"environment variable {name} is PLAINTEXT and holds a secret "
                                f"({describe(kinds, value)}); the rule demands type SECRETS_MANAGER or "
                                "PARAMETER_STORE with the secret's name as the value",
                                f"environment.environmentVariables[{where[name]}].value")


RULE = Rule(
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
