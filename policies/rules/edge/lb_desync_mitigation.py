"""Application and classic load balancers use defensive or strictest HTTP desync mitigation."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import CLASSIC_LOAD_BALANCERS, LOAD_BALANCERS, lb_type

ACCEPTED = ("defensive", "strictest")


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    kind = lb_type(resource)
    if kind not in ("application", "classic"):
        return  # network and gateway load balancers do not parse HTTP
    mode = resource.get("desyncMitigationMode")
    if mode is not None and str(mode).lower() not in ACCEPTED:
        yield Violation(f"{kind} load balancer desync_mitigation_mode is {mode}; the rule demands defensive "
                        "(the AWS default) or strictest", "desyncMitigationMode")


RULE = ResourceRule(
    id="lb_desync_mitigation",
    title="Application and classic load balancers use defensive or strictest desync mitigation",
    description=(
        "monitor mode forwards ambiguous requests that front end and target parse differently, the basis "
        "of request smuggling and cache poisoning. Left out, AWS applies defensive, which passes."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("firewalled",), "aws-fsbp": ("ELB.12", "ELB.14")},
    remediation='Remove desync_mitigation_mode="monitor" or set it to "defensive" or "strictest".',
    resource_types=(*LOAD_BALANCERS, *CLASSIC_LOAD_BALANCERS),
    evaluate=evaluate,
)
