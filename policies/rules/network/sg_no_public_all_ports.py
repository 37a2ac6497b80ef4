"""Security groups do not allow all ports from 0.0.0.0/0 or ::/0."""

from ...framework import Severity
from .._lib.families import sg_open_port_rule

RULE = sg_open_port_rule(
    "sg_no_public_all_ports",
    None,
    title="Security groups do not allow all ports from 0.0.0.0/0 or ::/0",
    severity=Severity.CRITICAL,
    frameworks={"cis-aws-5.0": ("5.3", "5.4"), "cis-aws-3.0": ("5.2", "5.3"), "seed": ("firewalled",)},
    remediation=(
        "Replace the all-protocol (-1) or 0-65535 ingress from the internet with the named ports "
        "the tier serves, or with a security-group reference."
    ),
)
