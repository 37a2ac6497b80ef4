"""Vending an account outside the environments' units adds the account, its placement and its regional
baseline (from the org stack, as no environment stack deploys there), and changes nothing else."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from components.organization.spec import OrganizationSpec
from components.organization.stack import organization_baselined
from tests.components.test_organization import GOVERNED, by_urn, vend


def test_vending_a_sandbox_account_adds_it_with_its_baseline(tmp_path: Path) -> None:
    def add(config: dict) -> None:
        org = config["landing-zone:organization"]
        spec = OrganizationSpec.model_validate(org)
        org["accounts"] = [{"name": a.name, "unit": a.unit} for a in spec.account_list]
        org["accounts"].append({"name": "sandbox-alice", "unit": "Sandbox"})

    before, after = map(by_urn, vend(tmp_path, add))
    assert set(before) <= set(after)
    added = [after[u] for u in set(after) - set(before)]
    [account] = [r for r in added if r.type == "aws:organizations/account:Account"]
    assert account.name == "account-sandbox-alice"
    assert account.inputs["parentId"] == after[next(u for u in after if u.endswith("::ou-Sandbox"))].id
    baseline = Counter(r.type for r in added if r is not account)
    assert baseline == Counter({
        "lz:organization:OrgAccountBaseline": 1, "pulumi:providers:aws": len(GOVERNED),
        "aws:iam/serviceLinkedRole:ServiceLinkedRole": 1, "aws:cfg/recorder:Recorder": len(GOVERNED),
        "aws:cfg/deliveryChannel:DeliveryChannel": len(GOVERNED),
        "aws:cfg/recorderStatus:RecorderStatus": len(GOVERNED),
        "aws:ebs/encryptionByDefault:EncryptionByDefault": len(GOVERNED)})
    providers = [r for r in added if r.type == "pulumi:providers:aws"]
    assert sorted(r.inputs["region"] for r in providers) == sorted(GOVERNED)
    assert account.id and all(account.id in r.inputs["allowedAccountIds"] for r in providers)
    assert [u for u in before if before[u].inputs != after[u].inputs] == []


def test_the_environments_accounts_get_their_baseline_from_their_environment_stacks() -> None:
    spec = OrganizationSpec.model_validate({
        "homeRegion": "eu-west-1", "governedRegions": ["eu-west-1"], "accountEmail": "aws+{name}@example.com",
        "accounts": [{"name": "log-archive", "unit": "Security"}, {"name": "audit", "unit": "Security"},
                     {"name": "network", "unit": "Infrastructure"}, {"name": "workload-dev", "unit": "Workloads"},
                     {"name": "dev-data", "unit": "dev"}, {"name": "tools", "unit": "Sandbox"}]})
    assert organization_baselined(spec) == ["log-archive", "audit", "network", "tools"]
