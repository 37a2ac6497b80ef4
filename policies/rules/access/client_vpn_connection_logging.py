"""Client VPN endpoints log every connection to CloudWatch Logs."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import CLIENT_VPN_ENDPOINT, is_true


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    options = resource.get("connectionLogOptions") or {}
    if not is_true(options.get("enabled")):
        yield Violation("connection logging is off: VPN sessions leave no record", "connectionLogOptions.enabled")
    elif not options.get("cloudwatchLogGroup"):
        yield Violation("connection logging has no CloudWatch log group", "connectionLogOptions.cloudwatchLogGroup")


RULE = ResourceRule(
    id="client_vpn_connection_logging",
    title="Client VPN endpoints log connections to CloudWatch Logs",
    description=(
        "Connection logs record who connected, from where and when each session started and ended: "
        "without them a stolen VPN credential leaves no trace."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("EC2.51",), "seed": ("secure-access", "audited")},
    remediation=(
        'Set connection_log_options={"enabled": True, "cloudwatch_log_group": <the VPN log group>, '
        '"cloudwatch_log_stream": ...} on aws.ec2clientvpn.Endpoint.'
    ),
    resource_types=(CLIENT_VPN_ENDPOINT,),
    evaluate=evaluate,
)
