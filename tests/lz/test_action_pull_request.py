"""The pull-request gate on this repository itself (issue 12, "What it must show"): on a copy of the
repository with one commit that opens SSH to the world, ``lz check dev --base-ref HEAD~1`` reports exactly
one new finding, with its file and line, and ``--fail-on new`` exits 1; with the commit reverted, 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OPEN_SSH = '''
import pulumi_aws as aws  # noqa: E402

debug = aws.ec2.SecurityGroup("debug-ssh", description="temporary debugging access", ingress=[
    aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=22, to_port=22, cidr_blocks=["0.0.0.0/0"],
                                     description="debugging")])
'''


def git(repo: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def gate(repo: Path) -> subprocess.CompletedProcess[str]:
    """As a developer runs it in the clone: no --program, so the landing zone's own pack."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "lz", "check", "dev", "--base-ref", "HEAD~1", "--fail-on", "new",
                           "--format", "json"], cwd=repo, env=env, capture_output=True, text=True, check=False,
                          timeout=600)


def test_one_commit_that_opens_ssh_is_one_new_finding_at_its_line_and_its_revert_passes(tmp_path: Path) -> None:
    repo = tmp_path / "landing-zone"
    git(tmp_path, "clone", "-q", str(ROOT), str(repo))
    main = repo / "__main__.py"
    main.write_text(main.read_text() + OPEN_SSH)
    git(repo, "commit", "-q", "-am", "debug: SSH from anywhere")
    line = main.read_text().splitlines().index('debug = aws.ec2.SecurityGroup("debug-ssh", description="temporary '
                                               'debugging access", ingress=[') + 1

    opened = gate(repo)
    assert opened.returncode == 1, opened.stderr
    doc = json.loads(opened.stdout)
    new = [v for v in doc["violations"] if v["baselineState"] == "new"]
    assert [(v["policy"], v["enforcementLevel"], v["resource"]["name"]) for v in new] == [
        ("sg_no_public_ssh", "mandatory", "debug-ssh")]
    assert (new[0]["location"]["file"], new[0]["location"]["line"]) == ("__main__.py", line)
    assert doc["baseline"]["new"] == 1 and doc["baseline"]["newMandatory"] == 1
    assert doc["pack"]["name"] == "aws-landing-zone"

    git(repo, "revert", "--no-edit", "HEAD")
    reverted = gate(repo)
    assert reverted.returncode == 0, reverted.stdout[-2000:] + reverted.stderr
    back = json.loads(reverted.stdout)
    assert back["baseline"]["new"] == 0
    assert [v["resource"]["name"] for v in back["resolved"]] == ["debug-ssh"]
    assert git(repo, "worktree", "list").count("\n") == 1  # the base worktrees are gone
