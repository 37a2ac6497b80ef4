"""The `lz` command line: output and exit codes."""

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from lz.cli import app

runner = CliRunner()
REPO_ROOT = Path(__file__).resolve().parents[2]


def test_preview_summary(programs: Path) -> None:
    result = runner.invoke(app, ["preview", "dev", "--program", str(programs / "basic")])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "basic/dev: 9 resources" in out
    assert "test:network:Island core" in out and "aws:ec2/subnet:Subnet" in out
    assert "VPCs and subnets" in out and "10.10.0.0/16" in out and "eu-west-1b" in out and "private" in out
    assert "vpcArn" in out


def test_preview_json_is_exactly_the_graph(programs: Path) -> None:
    result = runner.invoke(app, ["preview", "dev", "--program", str(programs / "basic"), "--json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == {"project", "stack", "resources"}
    assert (doc["project"], doc["stack"]) == ("basic", "dev")
    assert len(doc["resources"]) == 9
    for resource in doc["resources"]:
        assert set(resource) == {"urn", "type", "name", "parent", "custom", "protect", "retainOnDelete",
                                 "dependencies", "inputs", "source"}
    vpc = next(r for r in doc["resources"] if r["type"] == "aws:ec2/vpc:Vpc")
    assert vpc["inputs"]["cidrBlock"] == "10.10.0.0/16"


def test_unknown_stack_exits_2_and_lists_stacks(programs: Path) -> None:
    result = runner.invoke(app, ["preview", "qa", "--program", str(programs / "basic")])
    assert result.exit_code == 2
    assert "unknown stack 'qa'" in result.stderr and "dev, prod" in result.stderr
    assert result.stdout == ""


def test_invalid_config_exits_2_with_one_error_per_line(programs: Path) -> None:
    result = runner.invoke(app, ["preview", "dev", "--program", str(programs / "config_error")])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("error: invalid configuration in ") and lines[0].endswith("Pulumi.dev.yaml:")
    assert lines[1:] == ["network.cidr: 10.0.0.0/33 is not a valid IPv4 network",
                         "network.islands: at least one island is required"]


def test_missing_project_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["preview", "dev", "--program", str(tmp_path)])
    assert result.exit_code == 2 and "Pulumi.yaml: file not found" in result.stderr


def test_stacks_lists_stack_names(programs: Path) -> None:
    result = runner.invoke(app, ["stacks", "--program", str(programs / "basic")])
    assert (result.exit_code, result.stdout) == (0, "dev\nprod\n")


def test_crash_exits_3_via_python_m_lz(programs: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "lz", "preview", "dev", "--program", str(programs / "crash"), "--json"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 3
    assert proc.stdout == ""
    assert "half a line that must not reach stdout\nerror: the program crashed: ValueError" in proc.stderr
    assert "Traceback" in proc.stderr and 'app/__main__.py", line 6, in build' in proc.stderr  # the raise
