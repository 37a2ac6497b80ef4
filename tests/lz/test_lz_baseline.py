"""`lz check --baseline FILE | --base-ref REF [--fail-on new]`: findings as a diff for a pull request.

A real program in a temporary git repository: the base commit has an open SSH group (mandatory) and a
subnet that hands out public IPs (advisory); the change opens RDP on a new group, fixes the subnet,
retags one subnet and deletes another. Findings match by identity, never by line.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.lz.test_source_locations import sarif_errors

ROOT = Path(__file__).resolve().parents[2]
BASE_PROGRAM = Path(__file__).parent / "programs" / "baseline"
WORKLOADS = "aws-workloads"
SG, SUBNET = "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/subnet:Subnet"
OPEN_RDP = '''
aws.ec2.SecurityGroup("db", description="db admin", ingress=[aws.ec2.SecurityGroupIngressArgs(
    protocol="tcp", from_port=3389, to_port=3389, cidr_blocks=["0.0.0.0/0"], description="rdp")])
'''


def lz(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "lz", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False, timeout=300)


def git(repo: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def pulled_apart(main: Path) -> None:
    """The head side: fix the public subnet, retag one subnet, delete another, open RDP on a new group."""
    text = main.read_text()
    text = text.replace("map_public_ip_on_launch=True", "map_public_ip_on_launch=False")
    text = text.replace('tags={"tier": "app"}', 'tags={"tier": "data"}')
    text = text.replace('aws.ec2.Subnet("legacy", vpc_id="vpc-1", cidr_block="10.0.3.0/24")\n', "")
    main.write_text("# pushed down a line: identities do not move with it\n" + text + OPEN_RDP)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository whose HEAD is the base side and whose working tree is the head side."""
    root = tmp_path_factory.mktemp("repo")
    program = root / "app"
    shutil.copytree(BASE_PROGRAM, program, ignore=shutil.ignore_patterns("__pycache__"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    return program


@pytest.fixture(scope="module")
def base_json(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("base") / "base.json"
    proc = lz("check", "dev", "--program", str(repo), "--pack-name", WORKLOADS, "--json", str(path))
    assert proc.returncode == 1, proc.stderr
    pulled_apart(repo / "__main__.py")
    return path


def states(doc: dict[str, Any]) -> dict[str, set[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = {"new": set(), "unchanged": set(), "absent": set()}
    for v in doc["violations"] + doc["resolved"]:
        found[v["baselineState"]].add((v["policy"], v["resource"]["name"]))
    return found


EXPECTED = {
    "new": {("sg_no_public_rdp", "db")},
    "unchanged": {("sg_no_public_ssh", "admin")},
    "absent": {("subnet_no_public_ip_on_launch", "edge")},
}


def urn(typ: str, name: str) -> str:
    return f"urn:pulumi:dev::baseline::{typ}::{name}"


@pytest.fixture(scope="module")
def base_ref_run(repo: Path, base_json: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("reports")
    files = {"sarif": out / "gate.sarif", "markdown": out / "gate.md"}
    proc = lz("check", "dev", "--program", str(repo), "--pack-name", WORKLOADS, "--base-ref", "HEAD",
              "--format", "json", "--sarif", str(files["sarif"]), "--markdown", str(files["markdown"]))
    return {"proc": proc, "json": json.loads(proc.stdout), "sarif": json.loads(files["sarif"].read_text()),
            "markdown": files["markdown"].read_text()}


def test_base_ref_marks_each_finding_new_unchanged_or_resolved(base_ref_run: dict[str, Any], repo: Path) -> None:
    doc = base_ref_run["json"]
    assert base_ref_run["proc"].returncode == 1  # --fail-on all: the old SSH hole still fails
    assert states(doc) == EXPECTED
    assert {k: doc["baseline"][k] for k in ("new", "unchanged", "resolved", "newMandatory", "failOn")} == {
        "new": 1, "unchanged": 1, "resolved": 1, "newMandatory": 1, "failOn": "all"}
    assert git(repo.parent, "worktree", "list").count("\n") == 1  # the base worktree is gone


def test_base_ref_diffs_the_resources_by_urn_with_the_changed_keys(base_ref_run: dict[str, Any]) -> None:
    diff = base_ref_run["json"]["resourceDiff"]
    assert diff["added"] == [{"urn": urn(SG, "db"), "type": SG}]
    assert diff["removed"] == [{"urn": urn(SUBNET, "legacy"), "type": SUBNET}]
    changed = {c["urn"]: c["keys"] for c in diff["changed"]}
    assert changed == {urn(SUBNET, "edge"): ["mapPublicIpOnLaunch"], urn(SUBNET, "private"): ["tags"]}


def test_sarif_carries_baseline_state_and_is_valid(base_ref_run: dict[str, Any]) -> None:
    sarif = base_ref_run["sarif"]
    assert sarif_errors(sarif) == []
    results = sarif["runs"][0]["results"]
    got = {(r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].rsplit("::", 1)[-1]):
           r["baselineState"] for r in results}
    assert got == {f: state for state, found in EXPECTED.items() for f in found}


def test_markdown_leads_with_what_the_change_introduces(base_ref_run: dict[str, Any]) -> None:
    md = base_ref_run["markdown"]
    new, resolved = md.index("#### Introduced by this change (1)"), md.index("#### Resolved by this change (1)")
    unchanged = md.index("<details><summary>Unchanged findings (1)</summary>")
    assert new < md.index("aws:ec2/securityGroup:SecurityGroup::db") < resolved
    assert resolved < md.index("aws:ec2/subnet:Subnet::edge (mapPublicIpOnLaunch)") < unchanged
    assert unchanged < md.index("aws:ec2/securityGroup:SecurityGroup::admin")
    assert "Resource diff: 1 to add, 2 to change, 1 to remove" in md
    assert f"- {urn(SUBNET, 'legacy')} ({SUBNET})" in md


def test_fail_on_new_fails_on_the_new_hole_only(repo: Path, base_json: Path) -> None:
    proc = lz("check", "dev", "--program", str(repo), "--pack-name", WORKLOADS, "--baseline", str(base_json),
              "--fail-on", "new")
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    assert "[new] [mandatory]" in out and "[unchanged] [mandatory]" in out and "[resolved] [advisory]" in out
    assert "--fail-on new: 1 new mandatory" in out.splitlines()[-1]
    assert "Resource diff against baseline" in out and f"+ {urn(SG, 'db')} ({SG})" in out


def test_fail_on_new_passes_existing_debt(tmp_path: Path, base_json: Path) -> None:
    program = tmp_path / "app"
    shutil.copytree(BASE_PROGRAM, program, ignore=shutil.ignore_patterns("__pycache__"))
    main = program / "__main__.py"
    main.write_text(main.read_text().replace("map_public_ip_on_launch=True", "map_public_ip_on_launch=False"))
    args = ("check", "dev", "--program", str(program), "--pack-name", WORKLOADS, "--baseline", str(base_json),
            "--format", "json")
    debt = lz(*args, "--fail-on", "new")
    assert debt.returncode == 0, debt.stderr
    doc = json.loads(debt.stdout)
    assert (doc["passed"], doc["baseline"]["new"], doc["baseline"]["resolved"]) == (True, 0, 1)
    assert lz(*args).returncode == 1  # --fail-on all (the default): the debt still fails


def test_a_multi_stack_baseline_file_is_read_per_stack(tmp_path: Path, base_json: Path) -> None:
    doc = json.loads(base_json.read_text())
    multi = tmp_path / "multi.json"
    multi.write_text(json.dumps({"version": 1, "passed": False, "exitCode": 1, "stacks": [doc]}))
    proc = lz("check", "dev", "--program", str(BASE_PROGRAM), "--pack-name", WORKLOADS, "--baseline", str(multi),
              "--format", "json", "--fail-on", "new")
    assert proc.returncode == 0, proc.stderr
    assert states(json.loads(proc.stdout)) == {"new": set(), "absent": set(),
                                               "unchanged": {("sg_no_public_ssh", "admin"),
                                                             ("subnet_no_public_ip_on_launch", "edge")}}


@pytest.mark.parametrize(("args", "message"), [
    (("--fail-on", "new"), "--fail-on new needs a baseline"),
    (("--base-ref", "no-such-ref"), "--base-ref no-such-ref: no such commit"),
    (("--baseline", "/nonexistent/base.json"), "--baseline /nonexistent/base.json: cannot read it"),
    (("--fail-on", "some"), "unknown --fail-on 'some'"),
])
def test_bad_baseline_options_exit_two_before_the_program_runs(
    repo: Path, args: tuple[str, ...], message: str
) -> None:
    proc = lz("check", "dev", "--program", str(repo), "--pack-name", WORKLOADS, *args)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert message in proc.stderr


def test_base_ref_outside_a_git_repository_exits_two(tmp_path: Path) -> None:
    program = tmp_path / "app"
    shutil.copytree(BASE_PROGRAM, program, ignore=shutil.ignore_patterns("__pycache__"))
    proc = lz("check", "dev", "--program", str(program), "--base-ref", "HEAD", cwd=tmp_path)
    assert proc.returncode == 2
    assert "is not in a git repository" in proc.stderr


def test_a_stack_the_base_ref_lacks_counts_every_finding_as_new(repo: Path, base_json: Path) -> None:
    (repo / "Pulumi.qa.yaml").write_text("config:\n  aws:region: eu-west-1\n")  # not in the base commit
    try:
        proc = lz("check", "qa", "--program", str(repo), "--pack-name", WORKLOADS, "--base-ref", "HEAD",
                  "--format", "json", "--fail-on", "new")
    finally:
        (repo / "Pulumi.qa.yaml").unlink()
    assert proc.returncode == 1, proc.stderr
    assert "warning: --base-ref HEAD: stack qa could not be checked there" in proc.stderr
    doc = json.loads(proc.stdout)
    assert {v["baselineState"] for v in doc["violations"]} == {"new"} and doc["resolved"] == []
    assert "no checked baseline" in doc["baseline"]["note"]
