"""Instances carry an IAM instance profile (CIS 1.18), which is how SSM and patching reach them."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import COMPUTE_TYPES, LAUNCH_TEMPLATE, from_launch_template


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    profile = resource.get("iamInstanceProfile")
    if resource.type == LAUNCH_TEMPLATE:
        if not (profile and (profile.get("name") or profile.get("arn"))):
            yield Violation("launch template sets no iamInstanceProfile name or arn", "iamInstanceProfile")
    elif not profile and not from_launch_template(resource):
        yield Violation("no iamInstanceProfile: the instance cannot reach SSM (patching, sessions) "
                        "without long-lived keys", "iamInstanceProfile")


RULE = ResourceRule(
    id="ec2_instance_profile_attached",
    title="EC2 instances and launch specifications carry an IAM instance profile",
    description=(
        "Without an instance role, software on the host gets AWS access only through long-lived keys "
        "baked into images or user data, and SSM Patch Manager and Session Manager cannot manage it. "
        "An instance launched from a launch template inherits the template's profile."
    ),
    severity=Severity.MEDIUM,
    frameworks={"cis-aws-5.0": ("1.17",), "cis-aws-3.0": ("1.18",), "seed": ("frequent-updates",)},
    remediation=(
        "Set iam_instance_profile= an aws.iam.InstanceProfile whose role has AmazonSSMManagedInstanceCore "
        "(on a LaunchTemplate: iam_instance_profile={\"name\": profile.name} or {\"arn\": profile.arn})."
    ),
    resource_types=COMPUTE_TYPES,
    evaluate=evaluate,
)
