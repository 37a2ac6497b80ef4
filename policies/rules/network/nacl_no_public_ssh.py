"""Network ACLs do not allow SSH (22) from 0.0.0.0/0 or ::/0."""

from ...framework import Severity
from .._lib.families import nacl_open_port_rule

RULE = nacl_open_port_rule(
    "nacl_no_public_ssh",
    22,
    title="Network ACLs do not allow SSH (22) from 0.0.0.0/0 or ::/0",
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("EC2.21",), "cis-aws-5.0": ("5.2",), "cis-aws-3.0": ("5.1",), "seed": ("firewalled",)},
    remediation=(
        "Delete the ALLOW entry for port 22 from the internet, or put a lower-numbered DENY for "
        "port 22 from 0.0.0.0/0 and ::/0 in front of it."
    ),
)
