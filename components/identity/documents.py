"""IAM policy documents of the identity domain (pure: plain dicts from plain values).

Every document here is linted by parliament in tests/components/test_identity_documents.py.
"""

from __future__ import annotations

from typing import Any

from ..base import MANAGED_BY, AccountContext
from .plan import IdentityPlan

VERSION = "2012-10-17"
MFA_PRESENT = "aws:MultiFactorAuthPresent"

#: What a signed-in user may do before MFA: enrol a virtual MFA device and change the initial
#: password (users are created with password_reset_required). Everything else is denied until MFA.
MFA_SELF_SERVICE = [
    "iam:ChangePassword",
    "iam:CreateVirtualMFADevice",
    "iam:EnableMFADevice",
    "iam:GetAccountPasswordPolicy",
    "iam:GetUser",
    "iam:ListMFADevices",
    "iam:ListVirtualMFADevices",
    "iam:ResyncMFADevice",
]


def force_mfa_policy(account: AccountContext) -> dict[str, Any]:
    """AWS's documented Force_MFA policy: MFA self-service only, everything else needs MFA.

    `CreateVirtualMFADevice` acts on an `mfa/` resource, not on the user, so it gets `mfa/*` as in
    AWS's current version of the policy (the console lets users name their devices); the device is
    useless until `EnableMFADevice`, which is limited to the caller's own user.
    """
    own_user = f"arn:{account.partition}:iam::{account.account_id}:user/${{aws:username}}"
    return {
        "Version": VERSION,
        "Statement": [
            {
                "Sid": "AllowListVirtualMfaDevicesAndPasswordPolicy",
                "Effect": "Allow",
                "Action": ["iam:ListVirtualMFADevices", "iam:GetAccountPasswordPolicy"],
                "Resource": "*",
            },
            {
                "Sid": "AllowCreateVirtualMfaDevice",
                "Effect": "Allow",
                "Action": "iam:CreateVirtualMFADevice",
                "Resource": f"arn:{account.partition}:iam::{account.account_id}:mfa/*",
            },
            {
                "Sid": "AllowManageOwnMfaAndPassword",
                "Effect": "Allow",
                "Action": [
                    "iam:ChangePassword",
                    "iam:DeactivateMFADevice",
                    "iam:EnableMFADevice",
                    "iam:GetUser",
                    "iam:ListMFADevices",
                    "iam:ResyncMFADevice",
                ],
                "Resource": own_user,
            },
            {
                "Sid": "DenyAllExceptMfaSelfServiceWithoutMfa",
                "Effect": "Deny",
                "NotAction": MFA_SELF_SERVICE,
                "Resource": "*",
                "Condition": {"BoolIfExists": {MFA_PRESENT: "false"}},
            },
        ],
    }


def role_trust_policy(account: AccountContext, mfa_max_age_seconds: int) -> dict[str, Any]:
    """Principals of this account only, signed in with MFA no longer than `mfa_max_age_seconds` ago."""
    return {
        "Version": VERSION,
        "Statement": [
            {
                "Sid": "AccountPrincipalsWithRecentMfa",
                "Effect": "Allow",
                "Principal": {"AWS": account.root_arn},
                "Action": "sts:AssumeRole",
                "Condition": {
                    "Bool": {MFA_PRESENT: "true"},
                    "NumericLessThan": {"aws:MultiFactorAuthAge": str(mfa_max_age_seconds)},
                },
            }
        ],
    }


def assume_role_policy(role_arns: tuple[str, ...]) -> dict[str, Any]:
    """Lets a job-function group assume its own role (the role's trust policy still demands MFA)."""
    return {
        "Version": VERSION,
        "Statement": [
            {
                "Sid": "AssumeJobFunctionRoles",
                "Effect": "Allow",
                "Action": "sts:AssumeRole",
                "Resource": list(role_arns),
            }
        ],
    }


def permissions_boundary(plan: IdentityPlan, account: AccountContext) -> dict[str, Any]:
    """Everything identity policies grant, except turning off or bypassing the landing zone's guardrails."""
    users = f"arn:{account.partition}:iam::{account.account_id}:user/*"
    return {
        "Version": VERSION,
        "Statement": [
            # A boundary caps permissions; it grants none. Allow-all here leaves the identity policies
            # in charge and lets the Deny statements below carve out the guardrails.
            {"Sid": "BoundaryAllowsWhatIdentityPoliciesGrant", "Effect": "Allow", "Action": "*", "Resource": "*"},
            {
                "Sid": "ProtectCloudTrail",
                "Effect": "Deny",
                "Action": ["cloudtrail:DeleteTrail", "cloudtrail:PutEventSelectors", "cloudtrail:StopLogging",
                           "cloudtrail:UpdateTrail"],
                "Resource": "*",
            },
            {
                "Sid": "ProtectConfigRecorder",
                "Effect": "Deny",
                "Action": ["config:Delete*", "config:StopConfigurationRecorder"],
                "Resource": "*",
            },
            {
                "Sid": "ProtectGuardDuty",
                "Effect": "Deny",
                "Action": ["guardduty:Delete*", "guardduty:Disassociate*"],
                "Resource": "*",
            },
            {
                "Sid": "ProtectLandingZoneKeys",
                "Effect": "Deny",
                "Action": ["kms:DisableKey", "kms:ScheduleKeyDeletion"],
                "Resource": "*",
                "Condition": {"StringEquals": {"aws:ResourceTag/managed-by": MANAGED_BY}},
            },
            {
                "Sid": "ProtectThisBoundary",
                "Effect": "Deny",
                "Action": ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion",
                           "iam:SetDefaultPolicyVersion"],
                "Resource": plan.boundary_arn,
            },
            {
                "Sid": "KeepBoundaryAttached",
                "Effect": "Deny",
                "Action": ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"],
                "Resource": "*",
            },
            {
                # Without this, a bounded administrator could create an unbounded role and assume it.
                "Sid": "NewPrincipalsCarryThisBoundary",
                "Effect": "Deny",
                "Action": ["iam:CreateRole", "iam:CreateUser", "iam:PutRolePermissionsBoundary",
                           "iam:PutUserPermissionsBoundary"],
                "Resource": "*",
                "Condition": {"StringNotEquals": {"iam:PermissionsBoundary": plan.boundary_arn}},
            },
            {
                # People sign in to the console with MFA and use roles; long-lived keys are never issued.
                "Sid": "NoAccessKeysForUsers",
                "Effect": "Deny",
                "Action": "iam:CreateAccessKey",
                "Resource": users,
            },
        ],
    }
