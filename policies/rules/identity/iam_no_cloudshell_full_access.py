"""Nobody is given AWSCloudShellFullAccess (CIS 1.22)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.iam import ATTACHMENT_TYPES, attached_arns, is_aws_managed

POLICY_NAME = "AWSCloudShellFullAccess"


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    for path, arn in attached_arns(resource):
        if is_aws_managed(arn, POLICY_NAME):
            yield Violation(f"attaches {arn}", path)


RULE = ResourceRule(
    id="iam_no_cloudshell_full_access",
    title="AWSCloudShellFullAccess is not attached to any user, group or role",
    description=(
        "AWSCloudShellFullAccess allows file upload and download between CloudShell and the internet "
        "and sudo in the shell: a data exfiltration path outside every network control."
    ),
    severity=Severity.MEDIUM,
    frameworks={"cis-aws-5.0": ("1.21",), "cis-aws-3.0": ("1.22",), "seed": ("user-management",)},
    remediation=(
        "Remove arn:aws:iam::aws:policy/AWSCloudShellFullAccess from the attachment (or from the role's "
        "managed_policy_arns); grant a custom policy with cloudshell actions but without "
        "cloudshell:GetFileDownloadUrls / GetFileUploadUrls if a team needs CloudShell."
    ),
    resource_types=ATTACHMENT_TYPES,
    evaluate=evaluate,
)
