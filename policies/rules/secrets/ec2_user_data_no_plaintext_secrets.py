"""Instance user data carries no plaintext credentials."""

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import COMPUTE_TYPES, user_data
from .._lib.secrets import SECRET_NAMES_CONFIG, describe, detector, secret_kinds, token_kinds

# Shell and cloud-init assignments: `export DB_PASSWORD=...`, `DB_PASSWORD="..."`, `password: ...`.
_ASSIGNMENT = re.compile(r"^\s*(?:export\s+|-\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=|:\s)\s*(.+?)\s*$")


def _findings(text: str, names: list[str]) -> Iterator[tuple[int, list[str], str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        kinds = token_kinds(line)
        match = _ASSIGNMENT.match(line)
        if match:
            value = match[2].strip("'\"")
            kinds = sorted(set(kinds) | set(secret_kinds(match[1], value, names)))
        if kinds:
            yield number, kinds, line


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    names = list(config["secret_names"])
    with detector():
        for prop, text in user_data(resource):
            seen: set[int] = set()
            for number, kinds, line in _findings(text, names):
                if number in seen:
                    continue
                seen.add(number)
                yield Violation(f"user data line {number} holds a plaintext credential ({describe(kinds, line)}); "
                                "the rule demands the instance fetch secrets at boot with its instance role", prop)


RULE = ResourceRule(
    id="ec2_user_data_no_plaintext_secrets",
    title="EC2 user data holds no plaintext credentials",
    description=(
        "User data is readable by anyone with ec2:DescribeInstanceAttribute (or the launch template / "
        "launch configuration read APIs) and by every process on the host through IMDS; it is not "
        "encrypted. Base64 (and gzip) user data is decoded first. Findings come from detect-secrets (Yelp): "
        "credential formats anywhere (AWS keys, tokens, private keys, user:password@ URLs) and assignments "
        "whose name says they hold a secret (export DB_PASSWORD=...) with a literal value; $(...) and "
        "${...} lookups are not secrets."
    ),
    severity=Severity.HIGH,
    frameworks={"seed": ("secure-access",)},
    remediation=(
        "Give the instance an iam_instance_profile allowed to read the secret and fetch it at boot "
        "(DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id ... --query SecretString --output text)) "
        "instead of writing the value into user_data."
    ),
    resource_types=COMPUTE_TYPES,
    config=SECRET_NAMES_CONFIG,
    evaluate=evaluate,
)
