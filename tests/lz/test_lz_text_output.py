"""`lz check` text people can act on: uncut tables in CI logs, a shared fix printed once, blocking
findings first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASELINE = Path(__file__).parent / "programs" / "baseline"


def lz_check(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return subprocess.run([sys.executable, "-m", "lz", "check", *args], cwd=ROOT, capture_output=True, text=True,
                          check=False, timeout=300, env={**base, "PYTHONPATH": str(ROOT), **(env or {})})


def test_tables_are_not_cut_at_80_columns_in_a_pipe() -> None:
    proc = lz_check("dev")
    assert proc.returncode == 0, proc.stderr
    # The dev edge's endpoints subnet: rich's 80-column default printed "10.10.224.16/…".
    assert "10.10.224.16/28" in proc.stdout
    assert "dev-edge-endpoints" in proc.stdout and "…" not in proc.stdout
    table = [line for line in proc.stdout.splitlines() if line.startswith(("┏", "│", "└"))]
    assert table and max(len(line) for line in table) <= 200


def test_columns_sets_the_width_of_a_pipe(tmp_path: Path) -> None:
    proc = lz_check("dev", "--program", str(BASELINE), "--pack-name", "aws-workloads", env={"COLUMNS": "60"})
    table = [line for line in proc.stdout.splitlines() if line.startswith(("┏", "│", "└"))]
    assert table and max(len(line) for line in table) <= 60


def test_a_fix_shared_by_rules_is_printed_once_and_blocking_findings_come_first(tmp_path: Path) -> None:
    config, report = tmp_path / "levels.json", tmp_path / "gate.json"
    config.write_text(json.dumps({"iam_support_role_present": "mandatory"}))  # a LOW that blocks
    proc = lz_check("dev", "--program", str(BASELINE), "--pack-name", "aws-landing-zone",
                    "--policy-config", str(config), "--json", str(report))
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    # The 15 CIS 4.x alarm rules share one remediation but for their id: once in full, then a reference.
    assert out.count("LogMetricFilter(pattern=CIS_PATTERNS[") == 1
    assert "<id> is the rule's control id, here 4.3): On the trail's CloudWatch log group" in out
    references = [line.strip() for line in out.splitlines() if line.strip().startswith("fix: as for CIS 4.3 above")]
    assert len(references) == 14 and "fix: as for CIS 4.3 above, with <id> = 4.10" in references
    # Mandatory first, whatever the severity: the mandatory LOW before every advisory finding.
    assert out.index("LOW (mandatory)") < out.index("CIS 1.17 [iam_support_role_present]") < out.index(
        "MEDIUM (advisory)")
    levels = [(v["enforcementLevel"], v["severity"]) for v in json.loads(report.read_text())["violations"]]
    assert levels.index(("mandatory", "low")) < levels.index(("advisory", "medium"))
    assert [level for level, _ in levels] == sorted(level for level, _ in levels)[::-1]  # mandatory > advisory
