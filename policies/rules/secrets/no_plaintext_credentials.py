"""No resource property holds a credential in plaintext (any resource type)."""

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, UnknownValueError, Violation
from .._lib.secrets import describe, detector, names_secret, token_kinds

# Properties judged by a dedicated rule (with names as well as formats), so not a second finding here.
_JUDGED_ELSEWHERE: dict[str, frozenset[str]] = {
    "aws:lambda/function:Function": frozenset({"environment"}),
    "aws:ecs/taskDefinition:TaskDefinition": frozenset({"containerDefinitions"}),
    "aws:ecs/daemonTaskDefinition:DaemonTaskDefinition": frozenset({"containerDefinitions"}),
    "aws:glue/connection:Connection": frozenset({"connectionProperties"}),
    "aws:codebuild/project:Project": frozenset({"environment"}),
    **dict.fromkeys(("aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
                     "aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/launchConfiguration:LaunchConfiguration"),
                    frozenset({"userData", "userDataBase64"})),
}
SSM_PARAMETER = "aws:ssm/parameter:Parameter"


# Slots built to hold a credential (accessToken, clientCredentials, authParameters, ...) besides the
# keyword names detect-secrets knows (password, secret, privateKey, apiKey, ...).
_CREDENTIAL_SLOT = ("token", "credential", "passphrase")


def _safe_key(key: str) -> bool:
    """Identifiers and ARNs, and slots built to hold a secret: the provider marks those secret in
    Pulumi state, and they are where a secret belongs (a secret-marked value is fine)."""
    if key in ("arn", "id", "urn") or key.endswith(("Arn", "Arns", "Id", "Ids")):
        return True
    lowered = key.lower()
    return names_secret(key) or lowered.startswith("auth") or any(word in lowered for word in _CREDENTIAL_SLOT)


def _leaves(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """String leaves under ``value``; values unknown during preview are computed by another resource at
    apply time, not written in the program, so they are not this rule's subject and are skipped."""
    if isinstance(value, str):
        yield path, value
        return
    if isinstance(value, Mapping):
        items: Iterator[tuple[str, str]] = ((str(k), f"{path}.{k}" if path else str(k)) for k in value)
        for key, where in items:
            if _safe_key(key):
                continue
            try:
                item = value[key]
            except UnknownValueError:
                continue
            yield from _leaves(item, where)
    elif isinstance(value, Sequence):
        for i in range(len(value)):
            try:
                item = value[i]
            except UnknownValueError:
                continue
            yield from _leaves(item, f"{path}[{i}]")


def _check(resource: ResourceView) -> Iterator[Violation]:
    skipped = _JUDGED_ELSEWHERE.get(resource.type, frozenset())
    props = {k: v for k, v in _known_top(resource) if k not in skipped}
    if resource.type == SSM_PARAMETER and str(props.get("type", "")) == "SecureString":
        props.pop("value", None)  # SecureString is encrypted with KMS: the place for a secret
    for path, text in _leaves(props, ""):
        kinds = token_kinds(text)
        if kinds:
            yield Violation(f"{path} of {resource.name} holds a credential in plaintext ({describe(kinds, text)}); "
                            "the rule demands it live in Secrets Manager or SSM SecureString and be referenced",
                            path, resource.urn)


def _known_top(resource: ResourceView) -> Iterator[tuple[str, Any]]:
    for key in resource.props:
        try:
            yield key, resource.props[key]
        except UnknownValueError:
            continue


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    with detector():
        for resource in stack.resources:
            yield from _check(resource)


RULE = StackRule(
    id="no_plaintext_credentials",
    title="No resource property holds a credential in plaintext",
    description=(
        "A credential written into any resource argument (a tag, a description, a provider's access_key, "
        "an SSM String parameter, a container command, ...) lands in the program's source, the Pulumi "
        "state and the cloud API in clear. Every string input of every resource is scanned with "
        "detect-secrets' (Yelp) format detectors only (AWS keys, GitHub/GitLab/Slack/Stripe/OpenAI/PyPI/npm "
        "tokens, private keys, JWTs, user:password@ URLs): high confidence, no entropy or keyword "
        "guessing. Skipped: ARNs, ids, ${...}/{{...}} placeholders, SSM SecureString values, properties "
        "built to hold a secret (password, secretString, privateKey, ...; the provider keeps them secret "
        "in state), properties judged by the dedicated environment / user-data / connection rules, and "
        "values not known until apply (computed by another resource, not written in the program)."
    ),
    severity=Severity.HIGH,
    frameworks={"seed": ("secure-access",)},
    remediation=(
        "Move the credential to aws.secretsmanager.Secret or aws.ssm.Parameter(type=\"SecureString\") (set "
        "its value from pulumi.Config().require_secret(...)), and pass the ARN or name; rotate the exposed "
        "credential, it is already in the program's history."
    ),
    evaluate=evaluate,
)
