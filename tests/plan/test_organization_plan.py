"""The organization plan: OU order, placements, attachments per target, quotas and sizes (no Pulumi)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from components.organization.plan import (
    DECLARATIVE,
    RCP,
    SCP,
    SIZE_LIMITS,
    WORST_CASE_ORG_ID,
    attachments_by_target,
    guardrail_issues,
    plan_accounts,
    plan_policies,
    plan_units,
    render,
    render_policy,
)
from components.organization.spec import ROOT, OrganizationSpec


def spec(**changes: Any) -> OrganizationSpec:
    raw = {"homeRegion": "eu-west-1", "governedRegions": ["eu-west-1", "eu-central-1"],
           "accountEmail": "aws+{name}@example.com", **changes}
    return OrganizationSpec.model_validate(raw)


def test_default_tree_and_accounts() -> None:
    units = plan_units(spec())
    assert [(u.name, u.parent) for u in units] == [
        ("Security", ROOT), ("Infrastructure", ROOT), ("Workloads", ROOT), ("Sandbox", ROOT), ("Suspended", ROOT),
        ("dev", "Workloads"), ("prod", "Workloads")]
    accounts = plan_accounts(spec())
    assert [(a.name, a.unit, a.email) for a in accounts] == [
        ("log-archive", "Security", "aws+log-archive@example.com"), ("audit", "Security", "aws+audit@example.com"),
        ("network", "Infrastructure", "aws+network@example.com"),
        ("workload-dev", "dev", "aws+workload-dev@example.com"),
        ("workload-prod", "prod", "aws+workload-prod@example.com")]
    assert [a.logical for a in accounts][:2] == ["account-log-archive", "account-audit"]


def test_one_more_environment_adds_exactly_its_unit_and_account() -> None:
    before, after = spec(), spec(environments=["dev", "prod", "stage"])
    assert set(plan_units(after)) - set(plan_units(before)) == {
        next(u for u in plan_units(after) if u.name == "stage")}
    assert [a.name for a in set(plan_accounts(after)) - set(plan_accounts(before))] == ["workload-stage"]
    assert set(plan_units(before)) <= set(plan_units(after))


@settings(max_examples=50, deadline=None)
@given(st.permutations(["A", "B", "C", "D", "E"]), st.data())
def test_units_come_after_their_parents_in_any_config_order(order: list[str], data: st.DataObject) -> None:
    # A random forest: each unit's parent is Root or a unit earlier in a fixed ranking (so no cycles).
    rank = sorted(order)
    parents = {name: data.draw(st.sampled_from([ROOT, *rank[:i]])) for i, name in enumerate(rank)}
    units = [{"name": n, "parent": parents[n]} for n in order]
    placed = [u.name for u in plan_units(spec(units=units, accounts=[{"name": "log-archive", "unit": "A"},
                                                                     {"name": "audit", "unit": "A"}]))]
    assert sorted(placed) == rank
    for name, parent in parents.items():
        if parent != ROOT:
            assert placed.index(parent) < placed.index(name)


def test_default_attachments_per_target() -> None:
    by_target = attachments_by_target(plan_policies(spec()))
    assert by_target[ROOT] == {
        SCP: ["lz-baseline", "lz-security-services", "lz-protect-landing-zone", "lz-region-deny"],
        RCP: ["lz-rcp-tls-only", "lz-rcp-org-principals", "lz-rcp-confused-deputy"],
        DECLARATIVE: ["lz-ec2-baseline"], "TAG_POLICY": ["lz-tags"], "BACKUP_POLICY": ["lz-backup"]}
    assert by_target["Workloads"] == {SCP: ["lz-deny-iam-users"]}
    assert by_target["Sandbox"] == {SCP: ["lz-deny-iam-users"]}
    assert by_target["Suspended"] == {SCP: ["lz-suspended"]}
    assert guardrail_issues(spec()) == []


def test_attachments_and_disabling_replace_the_defaults() -> None:
    chosen = spec(guardrails={"attachments": {"lz-deny-iam-users": ["dev", "workload-prod"]},
                              "disabled": ["lz-backup"]})
    policies = {p.name: p for p in plan_policies(chosen)}
    assert policies["lz-deny-iam-users"].targets == ("dev", "workload-prod")
    assert "lz-backup" not in policies
    assert policies["lz-deny-iam-users"].attachment_logical("dev") == "policy-lz-deny-iam-users-dev"


def test_rcp_quota_counts_the_aws_managed_policy() -> None:
    [issue] = guardrail_issues(spec(guardrails={"rcpQuota": 3}))
    assert issue == ("organization.guardrails.attachments",
                     "target 'Root' would carry 4 RESOURCE_CONTROL_POLICY policies (lz-rcp-tls-only, "
                     "lz-rcp-org-principals, lz-rcp-confused-deputy + RCPFullAWSAccess (attached by AWS)); "
                     "organization.guardrails.rcpQuota allows 3")


def test_every_document_renders_valid_json_within_its_limit() -> None:
    for policy in plan_policies(spec()):
        text = render_policy(policy, spec(), WORST_CASE_ORG_ID)
        document = json.loads(text)
        assert "{{" not in text, policy.name
        assert len(text) <= SIZE_LIMITS[policy.type], policy.name
        if policy.type in (SCP, RCP):
            assert document["Version"] == "2012-10-17"
            assert all(s["Effect"] == "Deny" for s in document["Statement"])
        if policy.type == RCP:
            assert all(s["Principal"] == "*" for s in document["Statement"])


def test_parameters_are_rendered_into_the_documents() -> None:
    chosen = spec(governedRegions=["eu-west-1", "us-east-1"], guardrails={"extraGlobalServices": ["ses:Get*"]},
                  pipelineRoleName="deployer")
    region_deny = json.loads(render_policy(next(p for p in plan_policies(chosen) if p.name == "lz-region-deny"),
                                           chosen, "o-abcdefghij"))
    [statement] = region_deny["Statement"]
    assert statement["Condition"]["StringNotEquals"] == {"aws:RequestedRegion": ["eu-west-1", "us-east-1"]}
    assert statement["Condition"]["ArnNotLike"] == {"aws:PrincipalArn": [
        "arn:*:iam::*:role/deployer", "arn:*:iam::*:role/OrganizationAccountAccessRole"]}
    assert statement["NotAction"][-1] == "ses:Get*" and "iam:*" in statement["NotAction"]
    rcp = json.loads(render_policy(next(p for p in plan_policies(chosen) if p.name == "lz-rcp-org-principals"),
                                   chosen, "o-abcdefghij"))
    assert rcp["Statement"][0]["Condition"]["StringNotEqualsIfExists"] == {"aws:PrincipalOrgID": "o-abcdefghij"}


def test_render_splices_lists_and_rejects_unknown_placeholders() -> None:
    assert render('{"a": ["x", "{{l}}"], "b": "{{s}}-1"}', {"l": ["y", "z"], "s": "v"}) == \
        '{"a":["x","y","z"],"b":"v-1"}'
    try:
        render('{"a": "{{nope}}"}', {"s": "v"})
    except ValueError as exc:
        assert "unknown placeholder" in str(exc)
    else:
        raise AssertionError("an unknown placeholder must fail")
