"""Network ACLs do not allow all traffic from 0.0.0.0/0 or ::/0."""

from ...framework import Severity
from .._lib.families import nacl_open_port_rule

RULE = nacl_open_port_rule(
    "nacl_no_public_all_ports",
    None,
    title="Network ACLs do not allow all traffic from 0.0.0.0/0 or ::/0",
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("EC2.21",), "cis-aws-5.0": ("5.2",), "cis-aws-3.0": ("5.1",), "seed": ("firewalled",)},
    remediation=(
        "Replace the all-traffic ALLOW from the internet with entries for the ports the tier serves"
        " (for example 443 and the ephemeral return range)."
    ),
)
