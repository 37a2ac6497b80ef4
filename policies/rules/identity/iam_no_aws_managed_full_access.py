"""No user, group or role is given an AWS managed "*FullAccess" policy."""

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.iam import ATTACHMENT_TYPES, attached_arns

_FULL_ACCESS = re.compile(r"arn:aws[a-z-]*:iam::aws:policy/(?:[^\s]*/)?([A-Za-z0-9+=,.@_-]*FullAccess[A-Za-z0-9_-]*)")
#: Reported by iam_no_cloudshell_full_access (CIS 1.22); one finding per defect.
ELSEWHERE = ("AWSCloudShellFullAccess",)


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    for path, arn in attached_arns(resource):
        match = _FULL_ACCESS.fullmatch(str(arn or "").strip())
        if not match or match[1] in ELSEWHERE or match[1] in config["allowed_policies"]:
            continue
        yield Violation(f"attaches the AWS managed policy {match[1]} ({arn}): every action of the service on "
                        "every resource", path)


RULE = ResourceRule(
    id="iam_no_aws_managed_full_access",
    title='AWS managed "*FullAccess" policies are not attached to users, groups or roles',
    description=(
        "AmazonS3FullAccess, AmazonDynamoDBFullAccess, IAMFullAccess and the rest grant every action of a "
        "service on every resource in the account: a workload role with one of them can read, rewrite or "
        "delete every team's data in that service, and IAMFullAccess is administrator access by privilege "
        "escalation. Covers RolePolicyAttachment, UserPolicyAttachment, GroupPolicyAttachment, "
        "PolicyAttachment, the *PolicyAttachmentsExclusive resources and Role.managed_policy_arns. "
        "AWSCloudShellFullAccess is left to iam_no_cloudshell_full_access."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("user-management",)},
    remediation=(
        "Replace the FullAccess ARN with a customer policy (aws.iam.Policy from aws.iam.get_policy_document) "
        "granting the actions on the workload's own resources, or an AWS managed ReadOnly policy where "
        "read access is all that is needed."
    ),
    resource_types=ATTACHMENT_TYPES,
    config={"allowed_policies": {"type": "array", "items": {"type": "string"}, "default": [],
                                 "description": "FullAccess policy names a team explicitly accepts"}},
    evaluate=evaluate,
)
