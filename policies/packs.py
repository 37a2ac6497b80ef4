"""Which rules run at which enforcement level, per pack. Levels live here and nowhere else."""

from __future__ import annotations

from typing import Any

from .framework import Rule, Severity

DEFAULT_PACK = "aws-landing-zone"
MANDATORY_SEVERITIES = (Severity.CRITICAL, Severity.HIGH)

# Rules whose level differs from what their severity implies in the blocking pack, with the reason.
PINNED: dict[str, str] = {
    # Descriptions are cheap to add and the only record of why a hole exists: block on them.
    "sg_rule_has_description": "mandatory",
}


# Presence rules: facts about the whole account ("GuardDuty is on", "the CIS 4.x alarms exist"). They
# belong in front of account-baseline stacks; an app team's stack legitimately has none of them.
ACCOUNT_BASELINE: frozenset[str] = frozenset({
    "cloudtrail_present", "config_recorder_enabled", "guardduty_enabled", "securityhub_enabled",
    "iam_password_policy_present", "iam_support_role_present", "iam_access_analyzer_enabled",
    "s3_account_public_access_blocked", "ebs_encryption_by_default",
    "cis_4_1_unauthorized_api_calls_monitored", "cis_4_2_console_login_without_mfa_monitored",
    "cis_4_3_root_usage_monitored", "cis_4_4_iam_policy_changes_monitored",
    "cis_4_5_cloudtrail_config_changes_monitored", "cis_4_6_console_auth_failures_monitored",
    "cis_4_7_cmk_disable_or_deletion_monitored", "cis_4_8_s3_bucket_policy_changes_monitored",
    "cis_4_9_config_changes_monitored", "cis_4_10_security_group_changes_monitored",
    "cis_4_11_nacl_changes_monitored", "cis_4_12_network_gateway_changes_monitored",
    "cis_4_13_route_table_changes_monitored", "cis_4_14_vpc_changes_monitored",
    "cis_4_15_organizations_changes_monitored",
})


# The organization's rules (rules/organization/): facts about the org stack of the management account
# (guardrail SCPs, the organization trail, delegated security). Only the aws-organization pack runs them.
ORGANIZATION: frozenset[str] = frozenset({
    "org_scp_deny_leave_organization", "org_scp_region_deny", "org_trail_hardened",
    "org_guardduty_auto_enable_all", "org_securityhub_auto_enable_all", "org_delegated_admin_not_management",
    "org_management_account_no_workloads", "org_policy_document_valid", "org_policy_attachment_quota",
})

# Presence rules a member account's environment stack satisfies through its organization instead: the
# organization trail records it (and carries the CIS 4.x filters), the delegated administrators enable
# GuardDuty and Security Hub in it, and the organization analyzer's zone of trust is the organization.
# The aws-organization pack checks those on the org stack.
ORGANIZATION_PROVIDED: frozenset[str] = frozenset({
    "cloudtrail_present", "guardduty_enabled", "securityhub_enabled", "iam_access_analyzer_enabled",
    *(rid for rid in ACCOUNT_BASELINE if rid.startswith("cis_4_")),
})


# The CIS 4.x filters and alarms: the org stack puts them on the organization trail's log group.
ORGANIZATION_CIS: frozenset[str] = frozenset(rid for rid in ACCOUNT_BASELINE if rid.startswith("cis_4_"))


def _levels(rules: dict[str, Rule]) -> dict[str, str]:
    return {
        rid: PINNED.get(rid, "mandatory" if rule.severity in MANDATORY_SEVERITIES else "advisory")
        for rid, rule in rules.items()
    }


def _blocking(rules: dict[str, Rule]) -> dict[str, str]:
    return {rid: level for rid, level in _levels(rules).items() if rid not in ORGANIZATION}


def _workloads(rules: dict[str, Rule]) -> dict[str, str]:
    return {rid: level for rid, level in _blocking(rules).items() if rid not in ACCOUNT_BASELINE}


def _advisory(rules: dict[str, Rule]) -> dict[str, str]:
    return dict.fromkeys((rid for rid in rules if rid not in ORGANIZATION), "advisory")


def _organization(rules: dict[str, Rule]) -> dict[str, str]:
    """The org stack: the organization rules, every resource rule over its own buckets, keys and roles,
    and the CIS 4.x filters and alarms (on the organization trail's log group: its member accounts have
    none); the other account-presence rules are for environment stacks (the organization rules say the
    same for the whole organization)."""
    return {rid: level for rid, level in _levels(rules).items()
            if rid in ORGANIZATION or rid not in ACCOUNT_BASELINE or rid in ORGANIZATION_CIS}


def _member(rules: dict[str, Rule]) -> dict[str, str]:
    """An environment stack in an organization: the blocking pack less what its organization provides."""
    return {rid: level for rid, level in _blocking(rules).items() if rid not in ORGANIZATION_PROVIDED}


PACKS = {
    DEFAULT_PACK: _blocking,
    "aws-workloads": _workloads,
    "aws-landing-zone-advisory": _advisory,
    "aws-organization": _organization,
    "aws-organization-member": _member,
}


def pack_levels(pack: str, rules: dict[str, Rule]) -> dict[str, str]:
    """Rule id -> enforcement level for ``pack``; raises KeyError naming the known packs."""
    if pack not in PACKS:
        raise KeyError(f"unknown policy pack {pack!r}; known: {', '.join(sorted(PACKS))}")
    return PACKS[pack](rules)


def build_policies(pack: str) -> list[Any]:
    """The pulumi_policy policies for ``pack``, in rule-id order."""
    from pulumi_policy import EnforcementLevel

    from . import adapter, fastpath, registry

    rules = registry.discover()
    levels = pack_levels(pack, rules)
    return fastpath.PolicyList(adapter.to_policy(rules[rid], EnforcementLevel(level))
                               for rid, level in levels.items())
