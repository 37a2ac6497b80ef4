"""Lambda functions carry no plaintext secrets in their environment variables."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.secrets import SECRET_NAMES_CONFIG, describe, detector, pending_values, secret_kinds


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    variables = (resource.get("environment") or {}).get("variables") or {}
    names = list(config["secret_names"])
    with detector():
        for name, value in pending_values(variables):
            kinds = secret_kinds(str(name), value, names)
            if kinds:
                yield Violation(f"environment variable {name} holds a plaintext secret ({describe(kinds, value)}); "
                                "the rule demands the function read it from Secrets Manager or SSM at run time",
                                f"environment.variables.{name}")


RULE = ResourceRule(
    id="lambda_environment_no_plaintext_secrets",
    title="Lambda environment variables hold no plaintext secrets",
    description=(
        "Environment variables are returned in clear by lambda:GetFunctionConfiguration and shown in the "
        "console to anyone who may read the function; KMS encryption at rest and Pulumi secrets (encrypted "
        "in state only) do not change that. Findings come from detect-secrets (Yelp): a variable whose "
        "name says it holds a secret (password, secret, api_key, ... and the configured secret_names) with "
        "a literal value, or any value whose format is a credential (AWS keys, tokens, private keys, "
        "user:password@ URLs). ARNs, ${...}/{{...}} placeholders, flags and numbers are not secrets. A "
        "value unknown during preview is 'cannot decide' for that variable; the others are still judged."
    ),
    severity=Severity.HIGH,
    frameworks={"seed": ("secure-access",)},
    remediation=(
        "Put the value in aws.secretsmanager.Secret or an SSM SecureString parameter, pass its ARN or name "
        "instead (e.g. DB_SECRET_ARN=secret.arn), grant the function's role read access and fetch it at "
        "start-up (the AWS Parameters and Secrets Lambda Extension caches it)."
    ),
    resource_types=("aws:lambda/function:Function",),
    config=SECRET_NAMES_CONFIG,
    evaluate=evaluate,
)
