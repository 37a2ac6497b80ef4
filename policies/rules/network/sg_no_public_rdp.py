"""Security groups do not allow RDP (3389) from 0.0.0.0/0 or ::/0."""

from ...framework import Severity
from .._lib.families import sg_open_port_rule

RULE = sg_open_port_rule(
    "sg_no_public_rdp",
    3389,
    title="Security groups do not allow RDP (3389) from 0.0.0.0/0 or ::/0",
    severity=Severity.HIGH,
    frameworks={
        "aws-fsbp": ("EC2.14",),
        "cis-aws-5.0": ("5.3", "5.4"),
        "cis-aws-3.0": ("5.2", "5.3"),
        "seed": ("firewalled",),
    },
    remediation=(
        "Remove the 0.0.0.0/0 / ::/0 source from the port-3389 ingress; use SSM Fleet Manager or "
        "the Client VPN range instead."
    ),
)
