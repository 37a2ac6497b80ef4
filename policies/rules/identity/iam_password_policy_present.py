"""The account has a password policy (presence rule: for the account-baseline stack)."""

from ...framework import Severity
from .._lib.iam import PASSWORD_POLICY, presence_rule

RULE = presence_rule(
    "iam_password_policy_present",
    (PASSWORD_POLICY,),
    missing="the stack declares no aws.iam.AccountPasswordPolicy",
    title="The account has an IAM password policy",
    description=(
        "Without an account password policy AWS accepts 8-character passwords with no complexity, no "
        "reuse prevention and no expiry. A presence check: it belongs in the account-baseline stack."
    ),
    severity=Severity.MEDIUM,
    frameworks={
        "aws-fsbp": ("IAM.7",),
        "cis-aws-5.0": ("1.7", "1.8"),
        "cis-aws-3.0": ("1.8", "1.9"),
        "seed": ("user-management",),
    },
    remediation=(
        "Declare aws.iam.AccountPasswordPolicy in the account-baseline stack (minimum_password_length=14, "
        "password_reuse_prevention=24, all require_* flags True, max_password_age=90)."
    ),
)
