"""The organization under the real CLI and engine: `pulumi up` of the org stack, then of an environment
that reads it through a real StackReference (the local file:// backend), and the state both leave equals
what lz evaluates offline for the same stacks (lz runs the org stack first and feeds the reference)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from lz.mock_engine import run_program
from lz.real_cli import RealPulumi
from tests.realengine.conftest import REPO, copy_landing_zone
from tests.realengine.test_real_cli import _export, _first_difference, _offline_resources, _real_resources

ORG_PACK, MEMBER_PACK = "aws-organization", "aws-organization-member"


@pytest.fixture(scope="module")
def organization(cli: RealPulumi, pack_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """org, then dev-org, each `pulumi up` with its pack; returns the project directory."""
    project = copy_landing_zone(tmp_path_factory.mktemp("lz-organization"))
    shutil.copy2(REPO / "Pulumi.org.yaml", project / "Pulumi.org.yaml")
    shutil.copy2(REPO / "tests" / "stacks" / "Pulumi.dev-org.yaml", project / "Pulumi.dev-org.yaml")
    cli.run(["login", cli.env["PULUMI_BACKEND_URL"]], cwd=project)
    for stack, pack in (("org", ORG_PACK), ("dev-org", MEMBER_PACK)):
        cli.run(["stack", "select", "--create", stack], cwd=project)
        # No preview pass first: the engine runs the pack on every step of the update itself.
        up = cli.run(["up", "--yes", "--skip-preview", "--policy-pack", str(pack_dir)], cwd=project,
                     env={"LZ_POLICY_PACK": pack})
        assert "Policies:" in up.stdout and "[mandatory]" not in up.stdout, up.stdout[-3000:]
        cli.run(["preview", "--expect-no-changes"], cwd=project, env={"LZ_POLICY_PACK": pack})
    return project


def _outputs(cli: RealPulumi, project: Path, stack: str) -> dict[str, Any]:
    done = cli.run(["stack", "output", "--json", "--show-secrets", "--stack", stack], cwd=project)
    outputs: dict[str, Any] = json.loads(done.stdout)
    return outputs


def test_the_environment_reads_the_org_stack_through_a_real_stack_reference(organization: Path,
                                                                           cli: RealPulumi) -> None:
    org = _outputs(cli, organization, "org")
    account = org["accounts"]["workload-dev"]
    assert account["roleArn"] == f"arn:aws:iam::{account['id']}:role/{org['accessRoleName']}"
    resources = _export(cli, organization, "dev-org")["deployment"]["resources"]
    [reference] = [r for r in resources if r["type"] == "pulumi:pulumi:StackReference"]
    assert reference["outputs"]["outputs"]["accounts"]["workload-dev"]["id"] == account["id"]
    [provider] = [r for r in resources if r["type"] == "pulumi:providers:aws" and r["urn"].endswith("::dev-account")]
    assert json.loads(provider["inputs"]["assumeRoles"])[0]["roleArn"] == account["roleArn"]
    # Every AWS resource went through the account's provider, and the stand-in answered in its account.
    aws_resources = [r for r in resources if r.get("custom") and r["type"].startswith("aws:")]
    assert len(aws_resources) > 250
    regional = {r["provider"].rsplit("::", 1)[0] for r in aws_resources} - {provider["urn"]}
    assert [u.rsplit("::", 1)[-1] for u in regional] == ["dev-regions-eu-central-1"]
    keys = [r for r in aws_resources if r["type"] == "aws:kms/key:Key"]
    assert keys and all(f":{account['id']}:key/" in r["outputs"]["arn"] for r in keys)
    channels = [r for r in aws_resources if r["type"] == "aws:cfg/deliveryChannel:DeliveryChannel"]
    assert len(channels) == 2 and {c["inputs"]["s3BucketName"] for c in channels} == {org["logArchiveBucketName"]}


@pytest.mark.parametrize("stack", ["org", "dev-org"])
def test_real_state_equals_lz_offline_across_the_stack_reference(organization: Path, cli: RealPulumi,
                                                                  stack: str) -> None:
    import subprocess
    import sys

    state = _export(cli, organization, stack)
    real = _real_resources(state)
    done = subprocess.run([sys.executable, "-m", "lz", "preview", stack, "--json", "--program", str(organization)],
                          capture_output=True, text=True, check=True)
    offline = _offline_resources(json.loads(done.stdout))
    # Explicit providers (the account and region ones): the same, with the same account, role and region.
    where = ("region", "assumeRoles", "allowedAccountIds")
    real_providers = {r["urn"]: {k: r["inputs"].get(k) for k in where} for r in state["deployment"]["resources"]
                      if r["type"] == "pulumi:providers:aws" and not r["urn"].rsplit("::", 1)[-1].startswith("default")}
    offline_providers = {urn: {k: v["inputs"].get(k) for k in where} for urn, v in offline.items()
                         if v["type"] == "pulumi:providers:aws"}
    assert real_providers == offline_providers and real_providers
    offline = {urn: v for urn, v in offline.items() if v["type"] != "pulumi:providers:aws"}
    # The StackReference is a read, which lz does not list as a resource: the engine read the same outputs
    # from the org stack's state that lz evaluated offline and fed to it.
    for r in state["deployment"]["resources"]:
        if r["type"] == "pulumi:pulumi:StackReference":
            real.pop(r["urn"])
            assert r["outputs"]["outputs"] == run_program(organization, r["inputs"]["name"]).outputs
    assert sorted(set(real) ^ set(offline)) == []
    # Explicit providers: the real state names them; offline their URN is in the graph (not in the JSON).
    graph = {r.urn: r for r in run_program(organization, stack).resources}
    for urn, resource in real.items():
        provider = resource.pop("provider")
        offline[urn].pop("provider")
        sent = graph[urn].provider_resource
        assert provider == ("" if sent is None or sent[0].rsplit("::", 1)[-1].startswith("default") else sent[0]), urn
    drift = {urn: d for urn in real if (d := _first_difference(real[urn], offline[urn]))}
    assert not drift, f"{len(drift)} resources differ, e.g. " + "; ".join(
        f"{urn}: {d}" for urn, d in list(drift.items())[:5])
