"""REST API stages are associated with a WAF web ACL (a stack rule)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.compute import WAF_ASSOCIATIONS
from .._lib.edge import REST_STAGE, known


def _protects(stack: StackView, association: ResourceView, stage: ResourceView) -> bool:
    if stage.urn in association.property_dependencies.get("resourceArn", ()):
        return True  # resource_arn=stage.arn
    arn, api, name = known(association, "resourceArn"), known(stage, "restApi"), known(stage, "stageName")
    # A stage ARN is arn:aws:apigateway:<region>::/restapis/<api id>/stages/<stage name>.
    return isinstance(arn, str) and isinstance(api, str) and isinstance(name, str) and arn.endswith(
        f"/restapis/{api}/stages/{name}")


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    associations = stack.of_type(*WAF_ASSOCIATIONS)

    def check(stage: ResourceView) -> Iterator[Violation]:
        if not any(_protects(stack, a, stage) for a in associations):
            yield Violation(f"REST stage {stage.name} has no WAF web ACL association", "resourceArn", stage.urn)

    yield from each_resource(stack.of_type(REST_STAGE), check)


RULE = StackRule(
    id="apigw_rest_stage_waf",
    title="REST API stages have a WAF web ACL",
    description=(
        "A regional web ACL blocks known-bad inputs and rate-limits floods before they invoke the "
        "integration (and its bill). Matches aws.wafv2.WebAclAssociation / aws.wafregional."
        "WebAclAssociation resource_arn to the stage's ARN."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("rate-limiting-isolation",), "aws-fsbp": ("APIGateway.4",)},
    remediation="Add aws.wafv2.WebAclAssociation(resource_arn=stage.arn, web_acl_arn=<the environment's REGIONAL "
                "web ACL>).",
    evaluate=evaluate,
)
