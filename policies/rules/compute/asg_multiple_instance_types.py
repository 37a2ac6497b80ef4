"""Auto Scaling groups can fall back to other instance types (FSBP AutoScaling.6)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

ASG = "aws:autoscaling/group:Group"


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    policy = resource.get("mixedInstancesPolicy") or {}
    template = policy.get("launchTemplate") or {}
    overrides = template.get("overrides") or ()
    types = {str(o.get("instanceType")) for o in overrides if o.get("instanceType")}
    requirements = any(o.get("instanceRequirements") for o in overrides)
    if len(types) < 2 and not requirements:
        shown = sorted(types) or "only the launch template's"
        yield Violation(f"the group can launch {shown} instance type(s); the rule demands at least two "
                        "through mixed_instances_policy overrides (or instance_requirements)",
                        "mixedInstancesPolicy.launchTemplate.overrides")


RULE = ResourceRule(
    id="asg_multiple_instance_types",
    title="EC2 Auto Scaling groups use multiple instance types",
    description=(
        "With a single instance type, an AZ short of that capacity leaves the group unable to launch, "
        "so a zone failure turns into an outage. Passes with two or more distinct overrides, or "
        "attribute-based instance_requirements, in the mixed instances policy."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("AutoScaling.6",), "seed": ("high-availability",)},
    remediation='Set mixed_instances_policy={"launch_template": {"launch_template_specification": {...}, '
                '"overrides": [{"instance_type": "m7g.large"}, {"instance_type": "m6g.large"}]}} on '
                "aws.autoscaling.Group.",
    resource_types=(ASG,),
    evaluate=evaluate,
)
