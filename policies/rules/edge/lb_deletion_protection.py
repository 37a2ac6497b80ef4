"""Internet-facing load balancers have deletion protection."""

from ...framework import Severity
from .._lib.compute import lb_attribute_rule

RULE = lb_attribute_rule(
    "lb_deletion_protection",
    "enableDeletionProtection",
    lb_types=("application", "network"),
    internet_facing_only=True,
    problem="can be deleted by one API call (deletion protection off)",
    title="Internet-facing load balancers have deletion protection",
    description=(
        "Deleting the public entry point takes the service down and frees its DNS name; deletion "
        "protection makes that a two-step, deliberate act. Internal load balancers are not judged; "
        "exempt short-lived dev stacks by name."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ELB.6",), "seed": ("high-availability",)},
    remediation="Set enable_deletion_protection=True on the load balancer (exemptions: [\"dev-*\"] for dev).",
)
