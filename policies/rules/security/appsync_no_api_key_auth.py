"""AppSync GraphQL APIs are not authenticated with API keys."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

API_KEY = "API_KEY"


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if resource.get("authenticationType") == API_KEY:
        yield Violation("authentication_type is API_KEY", "authenticationType")
    for i, provider in enumerate(resource.get("additionalAuthenticationProviders") or ()):
        if provider.get("authenticationType") == API_KEY:
            yield Violation(f"additional authentication provider {i} is API_KEY",
                            f"additionalAuthenticationProviders[{i}].authenticationType")


RULE = ResourceRule(
    id="appsync_no_api_key_auth",
    title="AppSync GraphQL APIs are not authenticated with API keys",
    description=(
        "An AppSync API key is a static secret shipped inside the client: whoever extracts it from the app "
        "or a browser calls the API as the application, until the key expires. Use IAM, Cognito user pools, "
        "OIDC or a Lambda authorizer instead, as primary and as additional providers."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("AppSync.5",), "seed": ("secure-access", "user-management")},
    remediation=(
        'Set authentication_type="AMAZON_COGNITO_USER_POOLS" (or "AWS_IAM", "OPENID_CONNECT", "AWS_LAMBDA") on '
        "aws.appsync.GraphQLApi and drop API_KEY from additional_authentication_providers; exempt an API that "
        "is public by design."
    ),
    resource_types=("aws:appsync/graphQLApi:GraphQLApi",),
    evaluate=evaluate,
)
