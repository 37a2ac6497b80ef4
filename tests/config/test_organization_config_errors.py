"""Bad organization definitions fail with their config path, before any resource is registered."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from components.config import LandingZoneConfigError
from components.organization.spec import validate_organization
from lz.mock_engine import ProgramConfigError, run_program

ROOT = Path(__file__).resolve().parents[2]


def org_raw() -> dict[str, Any]:
    config = yaml.safe_load((ROOT / "Pulumi.org.yaml").read_text())["config"]
    return {k.split(":", 1)[1]: v for k, v in config.items() if k.startswith("landing-zone:")}


def errors_of(mutate: Callable[[dict[str, Any]], None]) -> list[str]:
    raw = copy.deepcopy(org_raw())
    mutate(raw["organization"])
    with pytest.raises(LandingZoneConfigError) as exc:
        validate_organization(raw)
    return exc.value.errors


def only_accounts(org: dict[str, Any], *accounts: dict[str, str]) -> None:
    """Replace the accounts (and the Identity Center assignments that name the shipped ones)."""
    org["accounts"] = list(accounts)
    org["identityCenter"]["assignments"] = []


def test_the_shipped_org_stack_is_valid() -> None:
    config = validate_organization(org_raw())
    assert config.organization.home_region == "eu-west-1"
    assert config.tags.owner == "platform-team"


def test_reused_email() -> None:
    def mutate(org: dict[str, Any]) -> None:
        only_accounts(org, {"name": "log-archive", "unit": "Security", "email": "Shared@example.com"},
                      {"name": "audit", "unit": "Security", "email": "shared@example.com"})

    assert errors_of(mutate) == [
        "organization.accounts[1].email: shared@example.com is already the email of accounts[0] 'log-archive'"]


def test_ou_cycle_and_unknown_parent() -> None:
    def mutate(org: dict[str, Any]) -> None:
        org["units"] = [{"name": "Security"}, {"name": "A", "parent": "B"}, {"name": "B", "parent": "A"},
                        {"name": "C", "parent": "Nowhere"}]
        only_accounts(org, {"name": "log-archive", "unit": "Security"}, {"name": "audit", "unit": "Security"})
        org["workloadUnits"] = []

    assert errors_of(mutate) == [
        "organization.units[3].parent: unknown unit 'Nowhere'; units: ['A', 'B', 'C', 'Security'] or 'Root'",
        "organization.units[1].parent: the OU tree has a cycle: A -> B -> A",
    ]


def test_account_in_unknown_unit() -> None:
    def mutate(org: dict[str, Any]) -> None:
        only_accounts(org, {"name": "log-archive", "unit": "Security"}, {"name": "audit", "unit": "Secruity"})

    [error] = errors_of(mutate)
    assert error.startswith("organization.accounts[1].unit: unknown unit 'Secruity'; units: ['Infrastructure', ")


def test_region_that_does_not_exist() -> None:
    [error] = errors_of(lambda org: org.update(governedRegions=["eu-west-1", "eu-centrl-1"]))
    assert error == "organization.governedRegions[1]: 'eu-centrl-1' is not an AWS region"


def test_home_region_not_governed() -> None:
    [error] = errors_of(lambda org: org.update(governedRegions=["eu-central-1", "us-east-1"]))
    assert error == ("organization.homeRegion: 'eu-west-1' is not in governedRegions ['eu-central-1', 'us-east-1']: "
                     "the home region must be governed")


def test_too_many_scps_on_one_target() -> None:
    # Root already carries FullAWSAccess and four landing-zone SCPs: a fifth one of ours is one too many.
    [error] = errors_of(lambda org: org.update(guardrails={"attachments": {"lz-deny-iam-users": ["Root"]}}))
    assert error == (
        "organization.guardrails.attachments: target 'Root' would carry 6 SERVICE_CONTROL_POLICY policies "
        "(lz-baseline, lz-security-services, lz-protect-landing-zone, lz-region-deny, lz-deny-iam-users + "
        "FullAWSAccess (attached by AWS)); organization.guardrails.scpQuota allows 5")


def test_the_scp_quota_is_configurable() -> None:
    errors = errors_of(lambda org: org.update(guardrails={"scpQuota": 3}))
    assert errors == ["organization.guardrails.attachments: target 'Root' would carry 5 SERVICE_CONTROL_POLICY "
                      "policies (lz-baseline, lz-security-services, lz-protect-landing-zone, lz-region-deny + "
                      "FullAWSAccess (attached by AWS)); organization.guardrails.scpQuota allows 3"]
    raw = copy.deepcopy(org_raw())
    raw["organization"]["guardrails"] = {"scpQuota": 3, "disabled": ["lz-protect-landing-zone", "lz-region-deny"]}
    assert validate_organization(raw).organization.guardrails.scp_quota == 3


def test_document_over_the_size_limit() -> None:
    extra = [f"service{n:03d}:*" for n in range(300)]
    [error] = errors_of(lambda org: org.update(guardrails={"extraGlobalServices": extra}))
    assert error.startswith("organization.guardrails.policies.lz-region-deny: the rendered document is ")
    assert error.endswith("characters; a SERVICE_CONTROL_POLICY may have at most 5120")


def test_unknown_policy_and_target() -> None:
    errors = errors_of(lambda org: org.update(guardrails={"attachments": {"lz-nope": ["Root"],
                                                                          "lz-suspended": ["Suspendid"]}}))
    assert errors[0].startswith("organization.guardrails.attachments.lz-nope: unknown policy; policies: [")
    assert errors[1].startswith("organization.guardrails.attachments.lz-suspended[0]: unknown target 'Suspendid'")


def test_schema_errors_carry_their_path() -> None:
    raw = copy.deepcopy(org_raw())
    raw["organization"]["accountEmail"] = "no-placeholder@example.com"
    raw["organization"]["identityCenter"]["sessionDurations"] = {"auditors": "PT13H"}
    raw["tags"] = {"owner": "platform-team", "colour": "blue"}
    with pytest.raises(LandingZoneConfigError) as exc:
        validate_organization(raw)
    assert exc.value.errors == [
        "tags.colour: unknown key (a typo?)",
        "organization.accountEmail: 'no-placeholder@example.com' needs '{name}' where the account name goes "
        "(got 'no-placeholder@example.com')",
        "organization.identityCenter.sessionDurations: auditors: 'PT13H' is not PT<1-12>H[<m>M]",
    ]


def test_assignment_to_unknown_account() -> None:
    def mutate(org: dict[str, Any]) -> None:
        org["identityCenter"]["assignments"][2]["accounts"] = ["workload-dve"]

    [error] = errors_of(mutate)
    assert error.startswith("organization.identityCenter.assignments[2].accounts[0]: unknown account 'workload-dve'")


def test_identity_center_needs_its_instance_and_evidence_stays_protected() -> None:
    raw = copy.deepcopy(org_raw())
    del raw["organization"]["identityCenter"]["instanceArn"]
    raw["protectEvidence"] = False
    with pytest.raises(LandingZoneConfigError) as exc:
        validate_organization(raw)
    assert exc.value.errors == [
        "organization.identityCenter.instanceArn: required when Identity Center is enabled: enable it in the "
        "management account and copy the ARN from `aws sso-admin list-instances`",
        "protectEvidence: the org stack holds the organization's trail, archive and keys: it is production and "
        "must protect them"]
    raw["organization"]["identityCenter"] = {"enabled": False}
    raw["protectEvidence"] = True
    assert validate_organization(raw).organization.identity_center.instance_arn is None


def test_the_program_registers_nothing_on_bad_input(tmp_path: Path) -> None:
    for item in ("Pulumi.yaml", "__main__.py"):
        shutil.copy(ROOT / item, tmp_path / item)
    (tmp_path / "components").symlink_to(ROOT / "components")
    doc = yaml.safe_load((ROOT / "Pulumi.org.yaml").read_text())
    doc["config"]["landing-zone:organization"]["governedRegions"] = ["eu-central-1"]
    (tmp_path / "Pulumi.variant.yaml").write_text(yaml.safe_dump(doc))
    with pytest.raises(ProgramConfigError) as exc:
        run_program(tmp_path, "variant")
    assert exc.value.registered == 0
    assert exc.value.errors == [
        "organization.homeRegion: 'eu-west-1' is not in governedRegions ['eu-central-1']: "
        "the home region must be governed"]
