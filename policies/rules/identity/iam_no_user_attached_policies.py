"""IAM users receive permissions only through groups (CIS 1.15)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

USER_POLICY = "aws:iam/userPolicy:UserPolicy"
USER_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment"
POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment"
USER_POLICIES_EXCLUSIVE = "aws:iam/userPoliciesExclusive:UserPoliciesExclusive"
USER_ATTACHMENTS_EXCLUSIVE = "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive"


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if resource.type == USER_POLICY:
        yield Violation("inline policy on a user", "user")
    elif resource.type == USER_ATTACHMENT:
        yield Violation("managed policy attached directly to a user", "user")
    elif resource.type == POLICY_ATTACHMENT:
        if resource.get("users"):
            yield Violation("policy attachment names users", "users")
    elif resource.type == USER_POLICIES_EXCLUSIVE:
        if resource.get("policyNames"):
            yield Violation("user keeps inline policies", "policyNames")
    elif resource.type == USER_ATTACHMENTS_EXCLUSIVE and resource.get("policyArns"):
        yield Violation("user keeps directly attached managed policies", "policyArns")


RULE = ResourceRule(
    id="iam_no_user_attached_policies",
    title="IAM users receive permissions only through groups",
    description=(
        "Policies on individual users drift out of sight: nobody reviews them with the job function, and "
        "they survive a move between teams. Permissions granted through groups are reviewed in one place."
    ),
    severity=Severity.LOW,
    frameworks={
        "aws-fsbp": ("IAM.2",),
        "cis-aws-5.0": ("1.14",),
        "cis-aws-3.0": ("1.15",),
        "seed": ("user-management",),
    },
    remediation=(
        "Move the policy to a job-function aws.iam.Group (GroupPolicy / GroupPolicyAttachment) and add the "
        "user with aws.iam.UserGroupMembership; drop UserPolicy, UserPolicyAttachment and the users= of "
        "PolicyAttachment."
    ),
    resource_types=(USER_POLICY, USER_ATTACHMENT, POLICY_ATTACHMENT, USER_POLICIES_EXCLUSIVE,
                    USER_ATTACHMENTS_EXCLUSIVE),
    evaluate=evaluate,
)
