"""Rule messages print the pack config's integers as people write them (issue 12: "365 days, not 365.0").

The config reaches the pack through the engine's Configure call, a protobuf Struct whose numbers are
doubles: a rule that formats its threshold said "less than 365.0" unless the adapter gives integer
fields back as ints. Checked on real pulumi_aws declarations, through the pack process, as a user runs it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    program = tmp_path_factory.mktemp("numbers")
    (program / "Pulumi.yaml").write_text("name: numbers\nruntime: python\n")
    (program / "Pulumi.dev.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    (program / "__main__.py").write_text(
        "import pulumi_aws as aws\n\n"
        'aws.cloudwatch.LogGroup("app", retention_in_days=30)\n'
        'aws.kinesis.Stream("events", shard_count=1, retention_period=24)\n')
    return program


def messages(program: Path, *extra: str) -> dict[str, str]:
    proc = subprocess.run([sys.executable, "-m", "lz", "check", "dev", "--program", str(program), "--format", "json",
                           *extra], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True,
                          text=True, check=False, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    found = json.loads(proc.stdout)["violations"]
    return {v["policy"]: v["message"] for v in found if v["policy"] in ("log_group_retention",
                                                                        "kinesis_stream_retention")}


def test_default_thresholds_print_as_integers(program: Path) -> None:
    shown = messages(program)
    assert shown["log_group_retention"].endswith("less than 365"), shown
    assert shown["kinesis_stream_retention"].endswith("below the required 168"), shown
    assert not [m for m in shown.values() if re.search(r"\d\.0\b", m)]


def test_a_configured_threshold_prints_as_given(program: Path, tmp_path: Path) -> None:
    config = tmp_path / "policy.json"
    config.write_text(json.dumps({"log_group_retention": {"min_retention_days": 400}}))
    assert messages(program, "--policy-config", str(config))["log_group_retention"].endswith("less than 400")
