"""Glue connections take their credentials from Secrets Manager, not from connection properties."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.secrets import SECRET_NAMES_CONFIG, describe, detector, pending_values, secret_kinds


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    properties = resource.get("connectionProperties") or {}
    names = list(config["secret_names"])
    with detector():
        for name, value in pending_values(properties):
            kinds = secret_kinds(str(name), value, names)
            if kinds:
                yield Violation(f"connection property {name} holds a plaintext secret ({describe(kinds, value)}); "
                                "the rule demands SECRET_ID naming a Secrets Manager secret instead",
                                f"connectionProperties.{name}")


RULE = ResourceRule(
    id="glue_connection_no_plaintext_password",
    title="Glue connections reference a Secrets Manager secret instead of a plaintext password",
    description=(
        "A PASSWORD (or KAFKA_SASL_*_PASSWORD, key password, ...) in connectionProperties is stored by Glue "
        "with the connection and returned by glue:GetConnection to anyone allowed to call it, unless each "
        "caller asks to hide it; pulumi_aws marks the map secret, which protects Pulumi state only. "
        "SECRET_ID keeps only a reference. Names and formats are judged by detect-secrets (Yelp); "
        "USERNAME, JDBC_CONNECTION_URL without credentials, ARNs and placeholders pass. No FSBP control "
        "covers Glue connection credentials."
    ),
    severity=Severity.HIGH,
    frameworks={"seed": ("secure-access",)},
    remediation=(
        "Create aws.secretsmanager.Secret holding {\"username\": ..., \"password\": ...} and set "
        'connection_properties={"JDBC_CONNECTION_URL": ..., "SECRET_ID": secret.name} without USERNAME/PASSWORD; '
        "grant the Glue job role secretsmanager:GetSecretValue on it."
    ),
    resource_types=("aws:glue/connection:Connection",),
    config=SECRET_NAMES_CONFIG,
    evaluate=evaluate,
)
