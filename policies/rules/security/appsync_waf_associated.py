"""Public AppSync GraphQL APIs are behind an AWS WAF web ACL (a wafv2 WebAclAssociation naming the API)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.security import owned_by

API = "aws:appsync/graphQLApi:GraphQLApi"
ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation"


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    associations = stack.of_type(ASSOCIATION)

    def check(api: ResourceView) -> Iterator[Violation]:
        if (api.get("visibility") or "GLOBAL") == "PRIVATE":
            return  # reachable only through the VPC's interface endpoint
        if not any(owned_by(stack, a, "resourceArn", api, keys=("arn",)) for a in associations):
            yield Violation(f"public GraphQL API {api.name} has no WAF web ACL association")

    yield from each_resource(stack.of_type(API), check)


RULE = StackRule(
    id="appsync_waf_associated",
    title="Public AppSync GraphQL APIs are protected by AWS WAF",
    description=(
        "A GraphQL endpoint accepts arbitrarily deep and wide queries from anyone who can reach it; a WAF "
        "web ACL adds rate limits, query size limits and managed rule groups in front of the resolvers. "
        "APIs with visibility PRIVATE are not judged. AppSync has no WAF by default."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("firewalled", "rate-limiting-isolation")},
    remediation=(
        "Add aws.wafv2.WebAclAssociation(resource_arn=api.arn, web_acl_arn=regional_web_acl.arn) with a "
        "REGIONAL web ACL that has a rate-based rule."
    ),
    evaluate=evaluate,
)
