"""ECS clusters turn Container Insights on (FSBP ECS.12)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.containers import ECS_CLUSTER

ON = frozenset({"enabled", "enhanced"})


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    settings = [s for s in resource.get("settings") or () if s.get("name") == "containerInsights"]
    value = settings[-1].get("value") if settings else None
    if str(value or "").lower() not in ON:
        shown = "not set (AWS default: disabled unless the account default says otherwise)" if value is None \
            else repr(value)
        yield Violation(f"containerInsights is {shown}; the rule demands enabled or enhanced", "settings")


RULE = ResourceRule(
    id="ecs_cluster_container_insights",
    title="ECS clusters use CloudWatch Container Insights",
    description=(
        "Container Insights collects per-task CPU, memory, network and restart data, the first evidence "
        "of a crypto-miner or a crash loop. The setting is judged on the cluster itself: an account-level "
        "default (aws.ecs.AccountSettingDefault) can be changed by anyone with access to it, so the "
        "cluster must say so."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ECS.12",), "seed": ("one-spot-monitoring",)},
    remediation='Set settings=[{"name": "containerInsights", "value": "enhanced"}] (or "enabled") on '
                "aws.ecs.Cluster.",
    resource_types=(ECS_CLUSTER,),
    evaluate=evaluate,
)
