"""Auto Scaling groups launch from EC2 launch templates (FSBP AutoScaling.9)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

ASG = "aws:autoscaling/group:Group"


def _mixed_template(resource: ResourceView) -> bool:
    policy = resource.get("mixedInstancesPolicy") or {}
    spec = (policy.get("launchTemplate") or {}).get("launchTemplateSpecification") or {}
    return bool(spec.get("launchTemplateId") or spec.get("launchTemplateName"))


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if resource.get("launchConfiguration"):
        yield Violation("the group launches from a launch configuration, which AWS no longer develops (no new "
                        "instance types or features); the rule demands a launch template", "launchConfiguration")
    elif not resource.get("launchTemplate") and not _mixed_template(resource):
        yield Violation("the group names no launch template (launchTemplate or mixedInstancesPolicy."
                        "launchTemplate); the rule demands one", "launchTemplate")


RULE = ResourceRule(
    id="asg_uses_launch_template",
    title="EC2 Auto Scaling groups use EC2 launch templates",
    description=(
        "Launch configurations are frozen: they cannot carry newer settings (IMDSv2 defaults, newer "
        "instance types, network options) and AWS stopped adding features to them, so fleet hardening "
        "goes through launch templates, which this pack also checks for IMDSv2, encryption and public IPs."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("AutoScaling.9",), "seed": ("configuration-analysis",)},
    remediation='Replace launch_configuration= with launch_template={"id": template.id, "version": '
                '"$Latest"} (or mixed_instances_policy.launch_template) on aws.autoscaling.Group.',
    resource_types=(ASG,),
    evaluate=evaluate,
)
