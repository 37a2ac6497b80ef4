"""The account password policy requires at least 14 characters (CIS 1.8)."""

from ...framework import Severity
from .._lib.iam import password_at_least_rule

RULE = password_at_least_rule(
    "iam_password_min_length",
    "minimumPasswordLength",
    config_key="min_length",
    default=14,
    what="minimum password length",
    title="The IAM password policy requires passwords of at least 14 characters",
    description="Short console passwords fall to guessing and credential stuffing; AWS's default is 8.",
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("IAM.7",), "cis-aws-5.0": ("1.7",), "cis-aws-3.0": ("1.8",), "seed": ("user-management",)},
    remediation="Set minimum_password_length=14 (or more) on aws.iam.AccountPasswordPolicy.",
)
