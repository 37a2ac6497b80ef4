"""The identity domain's IAM documents: linted by parliament, and what they allow and deny."""

from __future__ import annotations

import fnmatch
import json
from typing import Any

import parliament
import pytest

from components.base import AccountContext
from components.identity.documents import (
    MFA_SELF_SERVICE,
    assume_role_policy,
    force_mfa_policy,
    permissions_boundary,
    role_trust_policy,
)
from components.identity.plan import plan_identity
from components.identity.spec import IdentitySpec

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
PLAN = plan_identity(IdentitySpec(), "dev", ACCOUNT)
OWN_USER = "arn:aws:iam::123456789012:user/${aws:username}"
BOUNDARY_ARN = "arn:aws:iam::123456789012:policy/landing-zone/lz-dev-permissions-boundary"

DOCUMENTS: dict[str, dict[str, Any]] = {
    "force_mfa": force_mfa_policy(ACCOUNT),
    "role_trust": role_trust_policy(ACCOUNT, 3600),
    "assume_role": assume_role_policy(PLAN.job_functions[0].assumable_role_arns),
    "permissions_boundary": permissions_boundary(PLAN, ACCOUNT),
}

#: Parliament's default auditors. Every finding we accept is named here with its document and why.
IGNORED: dict[str, set[str]] = {
    # A role trust policy has no Resource element (IAM rejects one: the role itself is the resource);
    # parliament lints every document as an identity policy and reports the missing element.
    "role_trust": {"MALFORMED"},
    # iam:PermissionsBoundary is a String condition key whose values are policy ARNs; AWS documents
    # StringEquals / StringNotEquals with the ARN for it. Parliament flags any ARN-looking value under
    # a String operator as "usable but mismatched".
    "permissions_boundary": {"MISMATCHED_TYPE_BUT_USABLE"},
}
#: Parliament's community auditors (opinionated: they flag sensitive actions, not mistakes).
IGNORED_COMMUNITY: dict[str, set[str]] = {
    # The MFA self-service actions on the caller's own user are permissions management by design.
    "force_mfa": {"PERMISSIONS_MANAGEMENT_ACTIONS"},
    "role_trust": {"MALFORMED"},
    # sts:AssumeRole on the group's own job-function role is the purpose of the document.
    "assume_role": {"CREDENTIALS_EXPOSURE"},
    # The ARN-type note above (the boundary's Allow "*" is left out: see community_subject).
    "permissions_boundary": {"MISMATCHED_TYPE_BUT_USABLE"},
}


def community_subject(name: str) -> dict[str, Any]:
    """What the community auditors read. A permissions boundary grants nothing: its one Allow "*" caps
    identity policies, so every sensitive action "appears" allowed (CREDENTIALS_EXPOSURE,
    PERMISSIONS_MANAGEMENT_ACTIONS, PRIVILEGE_ESCALATION, by design) and expanding "*" over every IAM
    action took the auditors 14-75 s. The Deny statements are the content, so they read those; the
    default auditors still lint the whole document."""
    document = DOCUMENTS[name]
    if name != "permissions_boundary":
        return document
    allows = [s for s in document["Statement"] if s["Effect"] == "Allow"]
    # only the cap is left out: any other Allow would be audited (this fails first)
    assert [(s["Action"], s["Resource"], s.get("Condition")) for s in allows] == [("*", "*", None)], allows
    return {**document, "Statement": [s for s in document["Statement"] if s["Effect"] == "Deny"]}


def issues(document: dict[str, Any], community: bool) -> set[str]:
    policy = parliament.analyze_policy_string(json.dumps(document), include_community_auditors=community)
    return {f.issue for f in policy.findings}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_parliament_reports_nothing_but_the_justified_findings(name: str) -> None:
    assert issues(DOCUMENTS[name], community=False) == IGNORED.get(name, set())


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_parliament_community_auditors_report_only_the_justified_findings(name: str) -> None:
    assert issues(community_subject(name), community=True) == IGNORED_COMMUNITY.get(name, set())


def test_linter_catches_a_broken_document() -> None:
    """The lint is live: a typo'd action is reported."""
    broken = force_mfa_policy(ACCOUNT)
    broken["Statement"][2]["Action"] = ["iam:EnableMfaDevise"]
    assert "UNKNOWN_ACTION" in issues(broken, community=False)


# -- a minimal evaluator: enough IAM semantics to state what the documents do -----------------------

def _matches(patterns: Any, value: str) -> bool:
    values = [patterns] if isinstance(patterns, str) else patterns
    return any(fnmatch.fnmatchcase(value.lower(), p.lower()) for p in values)


def _condition_holds(condition: dict[str, Any], context: dict[str, str]) -> bool:
    for operator, pairs in condition.items():
        for key, expected in pairs.items():
            actual = context.get(key)
            if operator == "BoolIfExists" and actual is not None and actual != expected:
                return False
            if operator in ("Bool", "StringEquals") and actual != expected:
                return False
            if operator == "StringNotEquals" and actual == expected:
                return False
            if operator == "NumericLessThan" and not (actual is not None and int(actual) < int(expected)):
                return False
    return True


def decide(document: dict[str, Any], action: str, resource: str, context: dict[str, str]) -> str:
    """'deny' (explicit), 'allow', or 'implicit-deny' for one request against one document."""
    verdict = "implicit-deny"
    for statement in document["Statement"]:
        if "NotAction" in statement:
            in_scope = not _matches(statement["NotAction"], action)
        else:
            in_scope = _matches(statement["Action"], action)
        if not (in_scope and _matches(statement["Resource"], resource)):
            continue
        if not _condition_holds(statement.get("Condition", {}), context):
            continue
        if statement["Effect"] == "Deny":
            return "deny"
        verdict = "allow"
    return verdict


NO_MFA = {"aws:MultiFactorAuthPresent": "false"}
WITH_MFA = {"aws:MultiFactorAuthPresent": "true"}
ALICE = "arn:aws:iam::123456789012:user/${aws:username}"


@pytest.mark.parametrize("action", ["s3:ListAllMyBuckets", "ec2:RunInstances", "sts:AssumeRole", "iam:CreateAccessKey",
                                    "iam:DeactivateMFADevice"])
def test_force_mfa_denies_everything_else_without_mfa(action: str) -> None:
    assert decide(DOCUMENTS["force_mfa"], action, "*", NO_MFA) == "deny"
    assert decide(DOCUMENTS["force_mfa"], action, "*", {}) == "deny"  # BoolIfExists: absent key counts as no MFA


@pytest.mark.parametrize("action", MFA_SELF_SERVICE)
def test_force_mfa_leaves_self_service_open_without_mfa(action: str) -> None:
    resource = "arn:aws:iam::123456789012:mfa/alice" if action == "iam:CreateVirtualMFADevice" else ALICE
    assert decide(DOCUMENTS["force_mfa"], action, resource, NO_MFA) == "allow"


def test_force_mfa_self_service_is_limited_to_the_callers_own_user() -> None:
    document = DOCUMENTS["force_mfa"]
    own = [s for s in document["Statement"] if s["Effect"] == "Allow" and s["Resource"] == OWN_USER]
    assert {"iam:EnableMFADevice", "iam:ResyncMFADevice", "iam:ChangePassword", "iam:GetUser",
            "iam:ListMFADevices"} <= set(own[0]["Action"])
    assert decide(document, "iam:EnableMFADevice", "arn:aws:iam::123456789012:user/bob", WITH_MFA) == "implicit-deny"


def test_force_mfa_deny_uses_not_action_with_bool_if_exists() -> None:
    (deny,) = [s for s in DOCUMENTS["force_mfa"]["Statement"] if s["Effect"] == "Deny"]
    assert deny["NotAction"] == MFA_SELF_SERVICE and "Action" not in deny
    assert deny["Condition"] == {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
    assert deny["Resource"] == "*"


def test_role_trust_requires_recent_mfa_from_this_account_only() -> None:
    (statement,) = DOCUMENTS["role_trust"]["Statement"]
    assert statement["Principal"] == {"AWS": "arn:aws:iam::123456789012:root"}
    assert statement["Action"] == "sts:AssumeRole"
    assert statement["Condition"] == {"Bool": {"aws:MultiFactorAuthPresent": "true"},
                                      "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}


def test_role_trust_age_follows_the_spec() -> None:
    (statement,) = role_trust_policy(ACCOUNT, 900)["Statement"]
    assert statement["Condition"]["NumericLessThan"] == {"aws:MultiFactorAuthAge": "900"}


@pytest.mark.parametrize("action", [
    "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "config:StopConfigurationRecorder",
    "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel", "guardduty:DeleteDetector",
    "guardduty:DisassociateFromAdministratorAccount", "iam:DeleteRolePermissionsBoundary",
])
def test_boundary_denies_switching_off_guardrails(action: str) -> None:
    assert decide(DOCUMENTS["permissions_boundary"], action, "*", {}) == "deny"


@pytest.mark.parametrize("action", ["ec2:RunInstances", "s3:GetObject", "kms:Decrypt", "cloudtrail:LookupEvents"])
def test_boundary_leaves_ordinary_work_to_identity_policies(action: str) -> None:
    assert decide(DOCUMENTS["permissions_boundary"], action, "*", {}) == "allow"


def test_boundary_protects_only_landing_zone_keys() -> None:
    boundary = DOCUMENTS["permissions_boundary"]
    key = "arn:aws:kms:eu-west-1:123456789012:key/abc"
    ours = {"aws:ResourceTag/managed-by": "pulumi-landing-zone"}
    assert decide(boundary, "kms:ScheduleKeyDeletion", key, ours) == "deny"
    assert decide(boundary, "kms:DisableKey", key, ours) == "deny"
    assert decide(boundary, "kms:ScheduleKeyDeletion", key, {"aws:ResourceTag/managed-by": "app-team"}) == "allow"


def test_boundary_protects_itself_and_propagates() -> None:
    boundary = DOCUMENTS["permissions_boundary"]
    assert PLAN.boundary_arn == BOUNDARY_ARN
    assert decide(boundary, "iam:CreatePolicyVersion", BOUNDARY_ARN, {}) == "deny"
    assert decide(boundary, "iam:CreatePolicyVersion", "arn:aws:iam::123456789012:policy/app", {}) == "allow"
    role = "arn:aws:iam::123456789012:role/new"
    assert decide(boundary, "iam:CreateRole", role, {"iam:PermissionsBoundary": "arn:aws:iam::123456789012:policy/x"}) \
        == "deny"
    assert decide(boundary, "iam:CreateRole", role, {"iam:PermissionsBoundary": BOUNDARY_ARN}) == "allow"


def test_boundary_forbids_access_keys_for_people() -> None:
    assert decide(DOCUMENTS["permissions_boundary"], "iam:CreateAccessKey",
                  "arn:aws:iam::123456789012:user/alice", {}) == "deny"


def test_groups_may_assume_their_role_and_support_where_planned() -> None:
    by_function = {f.function: f for f in PLAN.job_functions}
    admin = assume_role_policy(by_function["administrators"].assumable_role_arns)
    auditors = assume_role_policy(by_function["auditors"].assumable_role_arns)
    support = PLAN.support_role_arn
    assert decide(admin, "sts:AssumeRole", support, {}) == "allow"
    assert decide(auditors, "sts:AssumeRole", by_function["auditors"].role_arn, {}) == "allow"
    assert decide(auditors, "sts:AssumeRole", support, {}) == "implicit-deny"
    assert decide(auditors, "sts:AssumeRole", by_function["administrators"].role_arn, {}) == "implicit-deny"
