"""lz report read as an auditor reads it (issue 12): a violated control says when only advisory findings
violate it (the gate passed), and a row another stack builds says where its evidence is and what to
check by hand, rather than a bare "manual"."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADVISORY_ONLY = "violated by advisory findings only: the gate does not fail on them"


def lz_report(stack: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lz", "report", stack, *args], cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, check=False,
                          timeout=300)


def report(tmp_path: Path, stack: str, *args: str) -> dict[str, Any]:
    out = tmp_path / f"{stack}.json"
    proc = lz_report(stack, "-o", str(out), *args)
    assert proc.returncode in (0, 1), proc.stderr
    doc: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return doc


@dataclass(frozen=True)
class DevReport:
    json: dict[str, Any]
    markdown: str
    html: str


@pytest.fixture(scope="module")
def dev_files(tmp_path_factory: pytest.TempPathFactory) -> DevReport:
    """One `lz report dev` writing all three formats (one program run, the same report in each)."""
    where = tmp_path_factory.mktemp("dev")
    html, md, doc = where / "dev.html", where / "dev.md", where / "dev.json"
    proc = lz_report("dev", "-o", str(html), "--markdown", str(md), "--json", str(doc))
    assert proc.returncode == 0, proc.stderr
    return DevReport(json.loads(doc.read_text(encoding="utf-8")), md.read_text(encoding="utf-8"),
                     html.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev(dev_files: DevReport) -> dict[str, Any]:
    return dev_files.json


def controls(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for s in doc["frameworks"] for c in s["controls"]]


def violation_levels(control: dict[str, Any]) -> set[str]:
    return {e["enforcementLevel"] for e in control["evidence"] if e["kind"] == "violated"}


def test_a_control_violated_by_advisory_findings_only_says_the_gate_does_not_fail_on_them(
        dev: dict[str, Any]) -> None:
    assert dev["passed"] is True  # dev has advisory findings only
    violated = [c for c in controls(dev) if c["verdict"] == "violated"]
    assert violated
    for c in violated:
        assert violation_levels(c) == {"advisory"} and ADVISORY_ONLY in c["note"], c["id"]
    assert not [c for c in controls(dev) if c["verdict"] != "violated" and ADVISORY_ONLY in c["note"]]


def test_a_mandatory_violation_carries_no_such_note(tmp_path: Path) -> None:
    program = tmp_path / "bastion"
    shutil.copytree(ROOT / "tests" / "corpus" / "bastion", program,
                    ignore=shutil.ignore_patterns("__pycache__", "expected.*.json"))
    doc = report(tmp_path, "dev", "--program", str(program))
    assert doc["passed"] is False
    blocking = [c for c in controls(doc) if c["verdict"] == "violated" and "mandatory" in violation_levels(c)]
    assert blocking and not [c for c in blocking if ADVISORY_ONLY in c["note"]]


def test_the_organization_row_of_a_single_account_stack_says_where_its_evidence_is(dev: dict[str, Any]) -> None:
    seed = next(s for s in dev["frameworks"] if s["id"] == "seed")
    row = next(c for c in seed["controls"] if c["row"] == 18)
    assert row["resources"] == [] and row["verdict"] == "manual"
    assert row["note"] == ("built by the organization stack; nothing in this stack implements it: its evidence "
                           "is in that stack's report")
    membership = [m for m in row["manual"] if "describe-organization" in m["where"]]
    assert len(membership) == 1 and "lz report org" in membership[0]["where"]
    others = [c for c in seed["controls"] if c["resources"]]
    assert len(others) == 19 and not [c for c in others if "nothing in this stack implements it" in c["note"]]


def test_each_manual_check_of_a_row_is_told_apart_in_the_html(dev_files: DevReport) -> None:
    row = dev_files.html.split('<tr id="seed-isolated-accounts">', 1)[1].split("</tr>", 1)[0]
    summaries = [s.split("</summary>", 1)[0] for s in row.split("<summary>")[1:] if s.startswith("manual check")]
    assert len(summaries) == 2 and len(set(summaries)) == 2, summaries
    assert any("member of the organization" in s or "belongs to the organization" in s for s in summaries)


def test_markdown_and_html_mark_the_verdict_advisory_only(dev_files: DevReport) -> None:
    seed = next(s for s in dev_files.json["frameworks"] if s["id"] == "seed")
    violated = {c["id"] for c in seed["controls"] if c["verdict"] == "violated"}
    rows = [line for line in dev_files.markdown.splitlines() if line.startswith("| ") and ". " in line]
    marked = {line.split("|")[1].strip().split(". ", 1)[1] for line in rows if "| violated (advisory only) |" in line}
    assert violated and marked == violated
    for control in violated:
        row = dev_files.html.split(f'<tr id="seed-{control}">', 1)[1].split("</tr>", 1)[0]
        assert '<div class="note">advisory only</div>' in row, control
