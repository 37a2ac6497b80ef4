"""The gate in other repositories: the composite action, the pre-commit hook and our own workflow are
valid YAML with the keys their hosts need, and every `lz check` command line in them uses options
`lz check --help` lists."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMMAND = "python -m lz check"


@pytest.fixture(scope="module")
def check_options() -> set[str]:
    proc = subprocess.run([sys.executable, "-m", "lz", "check", "--help"], cwd=ROOT, capture_output=True, text=True,
                          check=True, env={**os.environ, "COLUMNS": "200"})
    options = set(re.findall(r"^│ (--[a-z][a-z-]*)", proc.stdout, re.MULTILINE))
    assert {"--program", "--pack-name", "--sarif", "--markdown", "--json", "--baseline", "--base-ref",
            "--fail-on"} <= options
    return options


def load(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text())


def lz_command_lines(text: str) -> list[list[str]]:
    """The words after `python -m lz check` on each line (folded YAML joins a command onto one line)."""
    return [shlex.split(line.split(COMMAND, 1)[1].split(">>")[0]) for line in text.splitlines() if COMMAND in line]


def assert_known_options(words: list[str], options: set[str]) -> None:
    used = {w for w in words if w.startswith("--")}
    assert used and used <= options, used - options


def test_the_action_is_a_composite_with_the_inputs_and_outputs_a_workflow_needs(check_options: set[str]) -> None:
    action = load("action.yml")
    inputs = action["inputs"]
    assert inputs["stacks"]["required"] is True
    assert {k: inputs[k].get("default") for k in ("program", "pack", "baseline", "base-ref", "fail-on")} == {
        "program": ".", "pack": "aws-workloads", "baseline": "", "base-ref": "", "fail-on": "all"}
    assert "python-version" in inputs
    assert {"sarif", "mandatory", "advisory", "new"} <= set(action["outputs"])
    assert all("steps.gate.outputs." in o["value"] for o in action["outputs"].values())
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert steps[0]["with"]["python-version"] == "${{ inputs.python-version }}"
    install = "\n".join(s.get("run", "") for s in steps)
    assert 'pip install "${{ github.action_path }}"' in install and "requirements.txt" in install
    gate = next(s for s in steps if s.get("id") == "gate")
    assert all(s.get("shell") == "bash" for s in steps if "run" in s)
    (words,) = lz_command_lines(gate["run"])
    assert_known_options(words, check_options)
    assert {"--sarif", "--markdown", "--json", "--pack-name", "--fail-on"} <= set(words)
    for key in ("mandatory", "advisory", "new", "sarif"):
        assert f"{key}=" in gate["run"]  # written to $GITHUB_OUTPUT


def test_the_pre_commit_hook_runs_a_valid_lz_check(check_options: set[str]) -> None:
    (hook,) = load(".pre-commit-hooks.yaml")
    assert (hook["id"], hook["language"], hook["entry"], hook["pass_filenames"]) == (
        "lz-check", "python", COMMAND, False)
    assert_known_options(hook["args"], check_options)
    import typer

    from lz.cli import app

    check = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    ctx = check.make_context("check", list(hook["args"]))
    assert ctx.params["stacks"] and ctx.params["pack_name"] == "aws-workloads"


def test_the_workflow_gates_pull_requests_against_their_base_and_fails_on_new_findings_only(
    check_options: set[str],
) -> None:
    workflow = load(".github/workflows/policy-gate.yml")
    steps = workflow["jobs"]["gate"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0  # the base commit must be in the clone
    runs = {s.get("if"): s["run"] for s in steps if COMMAND in s.get("run", "")}
    pr = runs["github.event_name == 'pull_request'"]
    assert "--base-ref ${{ github.event.pull_request.base.sha }} --fail-on new" in pr
    assert "--base-ref" not in runs["github.event_name != 'pull_request'"]
    for run in runs.values():
        for words in lz_command_lines(run):
            assert_known_options(words, check_options)
