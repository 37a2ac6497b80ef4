"""Application, network and classic load balancers write access logs to S3."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import CLASSIC_LOAD_BALANCERS, LOAD_BALANCERS, is_true, lb_type


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    kind = lb_type(resource)
    if kind == "gateway":
        return  # gateway load balancers have no access logs
    logs = resource.get("accessLogs")
    if not logs or not logs.get("bucket"):
        yield Violation(f"{kind} load balancer has no access log bucket", "accessLogs.bucket")
        return
    enabled = logs.get("enabled")
    # aws.lb defaults enabled to false even with a bucket; classic ELBs default it to true.
    if not (is_true(enabled) or (enabled is None and kind == "classic")):
        yield Violation(f"{kind} load balancer access logs are not enabled", "accessLogs.enabled")


RULE = ResourceRule(
    id="lb_access_logs_enabled",
    title="Load balancers write access logs to S3",
    description=(
        "Access logs are the only record of which client asked the edge for what; incident response "
        "and the IDS correlation depend on them. aws.lb leaves them off even when a bucket is given."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ELB.5",), "seed": ("audited",)},
    remediation=(
        'Set access_logs={"bucket": <the log archive bucket>, "enabled": True, "prefix": <lb name>} on '
        "the load balancer."
    ),
    resource_types=(*LOAD_BALANCERS, *CLASSIC_LOAD_BALANCERS),
    evaluate=evaluate,
)
