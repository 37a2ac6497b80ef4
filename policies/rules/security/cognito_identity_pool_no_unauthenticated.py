"""Cognito identity pools do not hand AWS credentials to unauthenticated (guest) identities."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if resource.get("allowUnauthenticatedIdentities") is True:
        yield Violation("allow_unauthenticated_identities is True: anyone gets temporary AWS credentials",
                        "allowUnauthenticatedIdentities")


RULE = ResourceRule(
    id="cognito_identity_pool_no_unauthenticated",
    title="Cognito identity pools do not allow unauthenticated identities",
    description=(
        "Guest access gives every caller on the internet temporary AWS credentials for the pool's "
        "unauthenticated role; whatever that role allows is public. AWS's default is off."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Cognito.2",), "seed": ("secure-access", "isolated-and-controlled")},
    remediation=(
        "Set allow_unauthenticated_identities=False on aws.cognito.IdentityPool; if guests are a product "
        "requirement, exempt the pool and keep its unauthenticated role to the few actions they need."
    ),
    resource_types=("aws:cognito/identityPool:IdentityPool",),
    evaluate=evaluate,
)
