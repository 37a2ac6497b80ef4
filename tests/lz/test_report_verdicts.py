"""`lz report` verdicts and evidence on a small app program of real pulumi_aws declarations (run under
lz's mock engine, checked by the real pack over the Analyzer protocol), exemptions, exit codes and bad input."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lz.graph import UNKNOWN

REPO_ROOT = Path(__file__).resolve().parents[2]
# open: SSH from anywhere (violated, with the deciding value); closed: HTTPS from 10/8 (passes);
# later: SSH from a CIDR another project's stack exports (unknown offline: cannot decide).
PROGRAM = """
import pulumi
import pulumi_aws as aws

stack = pulumi.get_stack()
if stack == "crash":
    raise ValueError("boom: the program is broken")
aws.ec2.SecurityGroup("closed", description="web", ingress=[aws.ec2.SecurityGroupIngressArgs(
    protocol="tcp", from_port=443, to_port=443, cidr_blocks=["10.0.0.0/8"], description="web")])
if stack in ("open", "exempt", "expired"):
    aws.ec2.SecurityGroup("open", description="admin", ingress=[aws.ec2.SecurityGroupIngressArgs(
        protocol="tcp", from_port=22, to_port=22, cidr_blocks=["0.0.0.0/0"], description="admin")])
if stack == "later":
    admin = pulumi.StackReference("acme/network/prod").get_output("adminCidr")
    aws.ec2.SecurityGroup("later", description="admin", ingress=[aws.ec2.SecurityGroupIngressArgs(
        protocol="tcp", from_port=22, to_port=22, cidr_blocks=[admin], description="admin")])
"""
STACKS = ("clean", "open", "later", "exempt", "expired", "crash")
SG = "aws:ec2/securityGroup:SecurityGroup"


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report-program")
    (root / "Pulumi.yaml").write_text("name: report-fixture\nruntime: python\n")
    for stack in STACKS:
        (root / f"Pulumi.{stack}.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    (root / "__main__.py").write_text(PROGRAM)
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    past = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    entry = ("  - rule: sg_no_public_ssh\n    resource: \"urn:pulumi:*::*::{sg}::open\"\n    stacks: [{stack}]\n"
             "    reason: bastion until the VPN lands\n    owner: platform-team\n    expires: {date}\n")
    (root / "policy-exemptions.yaml").write_text(
        "exemptions:\n" + entry.format(sg=SG, stack="exempt", date=future) + entry.format(sg=SG, stack="expired",
                                                                                        date=past))
    return root


def lz(*args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lz", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False, env={**os.environ, "COLUMNS": "200"})


def report(program: Path, stack: str, out: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    run = lz("report", stack, "--program", str(program), "-o", str(out))
    return run, (json.loads(out.read_text()) if out.exists() else {})


def control(doc: dict[str, Any], framework: str, control_id: str) -> dict[str, Any]:
    section = next(s for s in doc["frameworks"] if s["id"] == framework)
    return next(c for c in section["controls"] if c["id"] == control_id)


def evidence(c: dict[str, Any], kind: str) -> list[tuple[str | None, str | None, str | None, Any]]:
    return sorted((e["rule"], e["resource"], e["property"], e["value"]) for e in c["evidence"] if e["kind"] == kind)


def test_a_violation_carries_the_deciding_property_and_value_and_a_pass_is_evidence_of_met(
        program: Path, tmp_path: Path) -> None:
    run, doc = report(program, "open", tmp_path / "open.json")
    assert run.returncode == 1, run.stderr  # sg_no_public_ssh is mandatory in aws-workloads
    ssh = control(doc, "aws-fsbp", "EC2.13")
    assert ssh["verdict"] == "violated"
    assert evidence(ssh, "violated") == [("sg_no_public_ssh", f"{SG}::open", "ingress[0].cidrBlocks[0]", "0.0.0.0/0")]
    assert evidence(ssh, "passed") == [("sg_no_public_ssh", f"{SG}::closed", None, None)]
    (closed,) = [e for e in ssh["evidence"] if e["kind"] == "passed"]
    assert closed["inspected"]["ingress"][0]["cidrBlocks"] == ["10.0.0.0/8"]  # the values behind the pass
    assert closed["unset"] == []
    assert {r["name"]: r["via"] for r in ssh["resources"]} == {"open": ["rule sg_no_public_ssh"],
                                                               "closed": ["rule sg_no_public_ssh"]}
    rdp = control(doc, "aws-fsbp", "EC2.14")  # the same two groups, no RDP open: met by two passes
    assert rdp["verdict"] == "met"
    assert evidence(rdp, "passed") == [("sg_no_public_rdp", f"{SG}::closed", None, None),
                                       ("sg_no_public_rdp", f"{SG}::open", None, None)]


def test_a_stack_with_nothing_a_control_checks_gets_not_applicable(program: Path, tmp_path: Path) -> None:
    run, doc = report(program, "clean", tmp_path / "clean.json")
    assert run.returncode == 0, run.stderr
    assert doc["summary"] == {"mandatory": 0, "advisory": 0, "exempted": 0}  # the program has an exemptions file
    assert control(doc, "aws-fsbp", "EC2.13")["verdict"] == "met"
    rds = control(doc, "aws-fsbp", "RDS.3")  # encryption at rest of RDS instances: no instance here
    assert (rds["verdict"], rds["resources"], rds["rulesApplied"]) == ("not-applicable", [], [])
    assert rds["rules"]
    tls = control(doc, "aws-fsbp", "S3.5")  # a stack rule (s3_bucket_tls_only) over buckets: there are none
    assert (tls["verdict"], tls["rulesApplied"]) == ("not-applicable", [])


def test_the_pack_publishes_what_each_rule_judges() -> None:
    from lz.analyzer import PolicyPackProcess
    from lz.gate import DEFAULT_PACK_DIR
    from policies import registry
    from policies.framework import ResourceRule

    with PolicyPackProcess(DEFAULT_PACK_DIR) as pack:
        policies = pack.info().policies
    ssh = registry.discover()["sg_no_public_ssh"]
    assert isinstance(ssh, ResourceRule)
    assert policies["sg_no_public_ssh"].resource_types() == ssh.resource_types  # as declared
    assert SG in policies["sg_no_public_ssh"].resource_types()
    assert policies["sg_no_public_ssh"].inspects(SG) == ("ingress",)  # what it reads to decide on a group
    # A stack rule: the types it starts from on an empty stack. A presence rule (it fails on an empty stack):
    # the types it looked for there, with those it declares as satisfying it (tests/lz/test_report_presence.py).
    assert policies["s3_bucket_tls_only"].resource_types() == ("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2")
    assert policies["guardduty_enabled"].resource_types() == ("aws:guardduty/detector:Detector",)
    assert policies["cis_4_3_root_usage_monitored"].resource_types() == (
        "aws:cloudwatch/logMetricFilter:LogMetricFilter", "aws:cloudwatch/metricAlarm:MetricAlarm",
        "aws:sns/topic:Topic")
    assert policies["no_plaintext_credentials"].resource_types() == ()  # reads every resource: any stack
    # It asks for WAF associations first, but judges stages: a stack with a web ACL and no API has nothing for it.
    assert policies["apigw_rest_stage_waf"].resource_types() == ("aws:apigateway/stage:Stage",)
    assert policies["sg_no_public_ssh"].frameworks()["aws-fsbp"] == ["EC2.13"]  # tags stay framework-free


def test_a_value_unknown_during_preview_is_cannot_decide_never_met(program: Path, tmp_path: Path) -> None:
    _, doc = report(program, "later", tmp_path / "later.json")
    rdp = control(doc, "aws-fsbp", "EC2.14")
    assert rdp["verdict"] == "cannot-decide"
    assert evidence(rdp, "cannot-decide") == [("sg_no_public_rdp", f"{SG}::later", "ingress[0].cidrBlocks[0]",
                                                UNKNOWN)]
    assert control(doc, "aws-fsbp", "EC2.13")["verdict"] == "cannot-decide"


def test_an_exempted_finding_is_shown_as_exempted_and_an_expired_one_counts_again(
        program: Path, tmp_path: Path) -> None:
    run, doc = report(program, "exempt", tmp_path / "exempt.json")
    assert run.returncode == 0, run.stderr
    assert doc["summary"] == {"mandatory": 0, "advisory": 0, "exempted": 1}
    ssh = control(doc, "aws-fsbp", "EC2.13")
    assert ssh["verdict"] == "exempted"
    assert evidence(ssh, "exempted") == [("sg_no_public_ssh", f"{SG}::open", "ingress[0].cidrBlocks[0]", "0.0.0.0/0")]
    (finding,) = [f for f in doc["findings"] if f["policy"] == "sg_no_public_ssh"]
    assert finding["exemption"]["state"] == "exempted" and finding["exemption"]["owner"] == "platform-team"
    html = lz("report", "exempt", "--program", str(program), "-o", str(tmp_path / "exempt.html"))
    assert html.returncode == 0
    assert "bastion until the VPN lands" in (tmp_path / "exempt.html").read_text()

    run, doc = report(program, "expired", tmp_path / "expired.json")
    assert run.returncode == 1
    assert doc["summary"] == {"mandatory": 1, "advisory": 0, "exempted": 0}
    assert control(doc, "aws-fsbp", "EC2.13")["verdict"] == "violated"


def test_the_format_follows_the_suffix_and_each_file_is_written_whole(program: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = lz("report", "open", "--program", str(program), "-o", str(out / "r.md"), "--json", str(out / "r.json"))
    assert run.returncode == 1, run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["r.json", "r.md"]  # no temporary file left behind
    markdown = (out / "r.md").read_text()
    assert markdown.startswith("# Compliance report: report-fixture / open\n")
    assert "| EC2.13 |" in markdown and "ingress[0].cidrBlocks[0] = 0.0.0.0/0" in markdown
    assert json.loads((out / "r.json").read_text())["kind"] == "lz-compliance-report"
    run = lz("report", "open", "--program", str(program), "-o", str(out / "r.report"), "--format", "html")
    assert run.returncode == 1 and (out / "r.report").read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "report.txt"], "-o report.txt: cannot tell the format from the suffix '.txt'"),
    ([], "no report file given"),
    (["-o", "r.html", "--format", "pdf"], "--format 'pdf': choose one of html, markdown, json"),
    (["-o", "/proc/nope/r.html"], "html report /proc/nope/r.html: cannot write a file there"),
])
def test_bad_options_exit_two_before_the_program_runs(program: Path, args: list[str], message: str) -> None:
    run = lz("report", "open", "--program", str(program), *args, cwd=program)
    assert run.returncode == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr and "runs in pid" not in run.stderr


def test_an_unknown_stack_exits_two_and_a_crash_three_and_nothing_is_written(program: Path, tmp_path: Path) -> None:
    unknown = lz("report", "nope", "--program", str(program), "-o", str(tmp_path / "a.html"))
    assert unknown.returncode == 2 and "nope" in unknown.stderr
    crash = lz("report", "crash", "--program", str(program), "-o", str(tmp_path / "b.html"))
    assert crash.returncode == 3 and "boom: the program is broken" in crash.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_bad_exemptions_file_exits_two(program: Path, tmp_path: Path) -> None:
    bad = tmp_path / "exemptions.yaml"
    bad.write_text("exemptions:\n  - rule: sg_no_public_sshh\n    resource: '*'\n    reason: r\n    owner: o\n"
                   "    expires: 2030-01-01\n")
    run = lz("report", "open", "--program", str(program), "--exemptions", str(bad), "-o", str(tmp_path / "r.html"))
    assert run.returncode == 2
    assert "sg_no_public_sshh" in run.stderr and "sg_no_public_ssh" in run.stderr
    assert not (tmp_path / "r.html").exists()
