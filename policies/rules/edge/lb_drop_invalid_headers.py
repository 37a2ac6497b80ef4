"""Application load balancers drop invalid HTTP header fields."""

from ...framework import Severity
from .._lib.compute import lb_attribute_rule

RULE = lb_attribute_rule(
    "lb_drop_invalid_headers",
    "dropInvalidHeaderFields",
    lb_types=("application",),
    internet_facing_only=False,
    problem="forwards invalid HTTP header fields to its targets",
    title="Application load balancers drop invalid HTTP header fields",
    description=(
        "Header names that are not valid HTTP reach targets that may parse them differently from the "
        "load balancer, the basis of request smuggling and header injection. AWS forwards them by default."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ELB.4",), "seed": ("firewalled",)},
    remediation="Set drop_invalid_header_fields=True on the application load balancer.",
)
