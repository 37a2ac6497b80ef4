"""lz check / lz report pick the organization packs from the stack's config: `landing-zone:organization`
as an organization definition runs aws-organization, as a membership aws-organization-member; one
line on stderr says so; --pack-name (or a pack directory of one's own) wins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lz.check import choose_packs, organization_packs

ROOT = Path(__file__).resolve().parents[2]
STACKS = ROOT / "tests" / "stacks"


def lz(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("COLUMNS", None)
    return subprocess.run([sys.executable, "-m", "lz", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False, timeout=300)


def notes(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.startswith("note:")]


def test_packs_follow_each_stacks_organization_config() -> None:
    packs, lines = organization_packs(STACKS, ["org", "dev-org", "prod-org"], pack_name=None, own_pack=True)
    assert packs == {"org": "aws-organization", "dev-org": "aws-organization-member",
                     "prod-org": "aws-organization-member"}
    assert len(lines) == 3
    assert "stack dev-org joins the organization of stack 'org' (landing-zone:organization.stack)" in lines[1]
    # Single-account stacks keep the pack they had; a named pack or a pack of one's own wins.
    assert organization_packs(ROOT, ["dev", "prod"], pack_name=None, own_pack=True) == ({}, [])
    assert organization_packs(STACKS, ["org"], pack_name="aws-landing-zone", own_pack=True) == ({}, [])
    assert organization_packs(STACKS, ["org"], pack_name=None, own_pack=False) == ({}, [])
    # A stack that does not exist is the gate's to report, not this choice's.
    assert organization_packs(STACKS, ["nosuch"], pack_name=None, own_pack=True) == ({}, [])


def test_the_program_default_applies_only_to_stacks_outside_organization_mode(tmp_path: Path) -> None:
    pack, packs, lines = choose_packs(None, STACKS, ["dev-org"], own_pack=True)
    assert (pack, packs) == (None, {"dev-org": "aws-organization-member"})
    assert not [line for line in lines if "--program given" in line]
    (tmp_path / "Pulumi.yaml").write_text(yaml.safe_dump({"name": "landing-zone", "runtime": "python"}))
    (tmp_path / "Pulumi.app.yaml").write_text(yaml.safe_dump({"config": {"aws:region": "eu-west-1"}}))
    pack, packs, lines = choose_packs(None, tmp_path, ["app"], own_pack=True)
    assert (pack, packs) == ("aws-workloads", {})
    assert len(lines) == 1 and "--program given" in lines[0]


def test_lz_check_org_runs_the_organization_pack_and_passes() -> None:
    proc = lz("check", "org", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["pack"]["name"] == "aws-organization"
    [note] = notes(proc)
    assert note.startswith("note: stack org is an organization definition") and "aws-organization;" in note


def test_lz_check_of_a_member_runs_the_member_pack_and_passes() -> None:
    proc = lz("check", "dev-org", "-p", str(STACKS), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["pack"]["name"] == "aws-organization-member"
    assert not {"cloudtrail_present", "guardduty_enabled"} & {v["policy"] for v in doc["violations"]}
    [note] = notes(proc)
    assert "so the pack is aws-organization-member" in note


@pytest.mark.parametrize("pack", ["aws-landing-zone"])
def test_a_named_pack_wins(pack: str) -> None:
    proc = lz("check", "org", "--pack-name", pack, "--format", "json")
    assert json.loads(proc.stdout)["pack"]["name"] == pack
    assert notes(proc) == []


def test_lz_report_org_runs_the_organization_pack(tmp_path: Path) -> None:
    out = tmp_path / "org.json"
    proc = lz("report", "org", "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text())["pack"]["name"] == "aws-organization"
    assert len(notes(proc)) == 1


def test_lz_diagram_findings_of_a_member_come_from_the_member_pack(tmp_path: Path) -> None:
    out = tmp_path / "dev-org.svg"
    proc = lz("diagram", "dev-org", "-p", str(STACKS), "--findings", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    [note] = notes(proc)
    assert "so the pack is aws-organization-member" in note and out.is_file()


def test_one_check_of_the_organization_runs_each_stack_with_its_pack() -> None:
    proc = lz("check", "org", "dev-org", "-p", str(STACKS), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    packs = {s["stack"]: s["pack"]["name"] for s in json.loads(proc.stdout)["stacks"]}
    assert packs == {"org": "aws-organization", "dev-org": "aws-organization-member"}
    assert len(notes(proc)) == 2
