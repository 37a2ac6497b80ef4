"""The account password policy prevents reuse of the last 24 passwords (CIS 1.9)."""

from ...framework import Severity
from .._lib.iam import password_at_least_rule

RULE = password_at_least_rule(
    "iam_password_reuse_prevention",
    "passwordReusePrevention",
    config_key="min_remembered",
    default=24,
    what="number of remembered passwords",
    title="The IAM password policy prevents reuse of the last 24 passwords",
    description="Without reuse prevention a forced change can be undone by setting the leaked password again.",
    severity=Severity.MEDIUM,
    frameworks={"cis-aws-5.0": ("1.8",), "cis-aws-3.0": ("1.9",), "seed": ("user-management",)},
    remediation="Set password_reuse_prevention=24 on aws.iam.AccountPasswordPolicy.",
)
