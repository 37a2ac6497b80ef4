"""Some role carries AWSSupportAccess (CIS 1.17; presence rule)."""

from collections.abc import Mapping
from typing import Any

from ...framework import ResourceView, Severity
from .._lib.iam import ATTACHMENT_TYPES, attached_arns, attaches_to_role, is_aws_managed, presence_rule

POLICY_NAME = "AWSSupportAccess"


def _counts(resource: ResourceView, config: Mapping[str, Any]) -> bool:
    return attaches_to_role(resource) and any(is_aws_managed(arn, POLICY_NAME) for _, arn in attached_arns(resource))


RULE = presence_rule(
    "iam_support_role_present",
    ATTACHMENT_TYPES,
    missing="no role in the stack has arn:aws:iam::aws:policy/AWSSupportAccess attached",
    counts=_counts,
    title="A support role with AWSSupportAccess exists",
    description=(
        "Incidents need someone who can open AWS Support cases without being an administrator. "
        "A presence check: it belongs in the account-baseline stack."
    ),
    severity=Severity.LOW,
    frameworks={"cis-aws-5.0": ("1.16",), "cis-aws-3.0": ("1.17",), "seed": ("user-management",)},
    remediation=(
        "Declare an aws.iam.Role assumable by the support team (with MFA) and attach "
        "arn:aws:iam::aws:policy/AWSSupportAccess with aws.iam.RolePolicyAttachment or managed_policy_arns."
    ),
)
