"""Internet-facing application load balancers are associated with a WAF web ACL (a stack rule)."""

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource, unknown_path
from .._lib.compute import (
    LOAD_BALANCERS,
    WAF_ASSOCIATIONS,
    internet_facing,
    lb_type,
)


def _protects(stack: StackView, association: ResourceView, lb: ResourceView) -> bool:
    # An aws.lb load balancer's id is its ARN; the analyzer's stack properties carry `id`, and
    # refers_to falls back to the dependency record while resourceArn is unknown in a preview.
    if stack.refers_to(association, "resourceArn", lb):
        return True
    # When the engine sends outputs, `arn` is there too; an unknown side was already joined by
    # dependency above, so it decides nothing here.
    arn, arn_unknown = unknown_path(partial(lb.get, "arn"))
    value, value_unknown = unknown_path(partial(association.get, "resourceArn"))
    return not (arn_unknown or value_unknown) and arn is not None and value == arn


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    associations = stack.of_type(*WAF_ASSOCIATIONS)

    def check(lb: ResourceView) -> Iterator[Violation]:
        if lb_type(lb) != "application" or not internet_facing(lb):
            return
        if not any(_protects(stack, a, lb) for a in associations):
            yield Violation(f"internet-facing application load balancer {lb.name} has no WAF web ACL "
                            "association", "resourceArn", lb.urn)

    yield from each_resource(stack.of_type(*LOAD_BALANCERS), check)


RULE = StackRule(
    id="lb_public_alb_has_waf",
    title="Internet-facing application load balancers have a WAF web ACL",
    description=(
        "A web ACL in front of the public ALB blocks known-bad inputs and rate-limits floods before they "
        "reach the application (the landing zone's rate-based rule). Matches "
        "aws.wafv2.WebAclAssociation / aws.wafregional.WebAclAssociation resource_arn to the load balancer."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ELB.16",), "seed": ("rate-limiting-isolation",)},
    remediation=(
        "Add aws.wafv2.WebAclAssociation(resource_arn=alb.arn, web_acl_arn=<the environment's web ACL "
        "with the rate-based rule>)."
    ),
    evaluate=evaluate,
)
