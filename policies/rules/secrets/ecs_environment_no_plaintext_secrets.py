"""ECS container definitions carry no plaintext secrets in environment, command or labels (FSBP ECS.8)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.containers import CONTAINER_HOLDERS, Container, ContainerDefinitionsError, containers
from .._lib.secrets import SECRET_NAMES_CONFIG, describe, detector, secret_kinds, token_kinds

# Names ecs_no_credentials_in_environment (FSBP ECS.8's own secretKeys) already reports, whatever
# their value: judged there, so a value under them is not a second finding here.
_ECS8_KEYS = frozenset({"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"})
# Fields of a container definition that carry program-written strings besides the environment.
_FREE_TEXT = ("command", "entryPoint", "dockerLabels", "logConfiguration", "healthCheck")


def _strings(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def _check(container: Container, names: list[str]) -> Iterator[Violation]:
    for i, variable in enumerate(container.get("environment") or ()):
        if not isinstance(variable, Mapping):
            continue
        name, value = str(variable.get("name") or ""), variable.get("value")
        if name.upper() in _ECS8_KEYS:
            continue
        kinds = secret_kinds(name, value, names)
        if kinds:
            yield Violation(f"container {container.name} sets environment variable {name} to a plaintext secret "
                            f"({describe(kinds, value)}); the rule demands it come through \"secrets\" "
                            "(Secrets Manager or SSM), which the task definition stores as a reference only",
                            container.path(f"environment[{i}].value"))
    for field in _FREE_TEXT:
        for path, text in _strings(container.get(field), field):
            kinds = token_kinds(text)
            if kinds:
                yield Violation(f"container {container.name} has a credential in {path} ({describe(kinds, text)}); "
                                "the rule demands secrets reach the container through \"secrets\"",
                                container.path(path))


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    try:
        found = containers(resource)
    except ContainerDefinitionsError:
        return  # the containers/ rules report definitions that cannot be read
    with detector():
        for container in found:
            yield from _check(container, list(config["secret_names"]))


RULE = ResourceRule(
    id="ecs_environment_no_plaintext_secrets",
    title="ECS container definitions pass secrets through \"secrets\", never as plaintext values",
    description=(
        "A task definition's environment, command and labels are stored in plain text and returned by "
        "ecs:DescribeTaskDefinition to anyone allowed to read it; every revision keeps them. A Pulumi "
        "secret does not help: it is encrypted in Pulumi state, but ECS still stores the value in clear. "
        "Findings come from detect-secrets (Yelp): a variable whose name says it holds a secret "
        "(password, secret, api_key, ... and the configured secret_names) with a literal value, or any "
        "value whose format is a credential (AWS keys, GitHub/Slack/Stripe tokens, private keys, "
        "user:password@ URLs). ARNs, ${...}/{{...}} placeholders, flags and numbers are not secrets. "
        "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and ECS_ENGINE_AUTH_DATA are judged by "
        "ecs_no_credentials_in_environment."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("ECS.8",), "seed": ("secure-access",)},
    remediation=(
        'Store the value in aws.secretsmanager.Secret (or an SSM SecureString parameter) and reference it in '
        'the container definition: "secrets": [{"name": "DB_PASSWORD", "valueFrom": secret.arn}]; grant the '
        "task execution role secretsmanager:GetSecretValue on it."
    ),
    resource_types=CONTAINER_HOLDERS,
    config=SECRET_NAMES_CONFIG,
    evaluate=evaluate,
)
