"""lz.gate end to end over a small program written per test, and the report formats."""

import json
from pathlib import Path

import pytest

from lz.check import check_command
from lz.gate import run_gate
from lz.report import render

# Small app-team programs: the account-presence rules (GuardDuty on, ...) do not apply to them.
WORKLOADS = "aws-workloads"
PROGRAM = """
import pulumi_aws as aws

sg = aws.ec2.SecurityGroup("web", ingress=[aws.ec2.SecurityGroupIngressArgs(
    protocol="tcp", from_port=22, to_port=22, cidr_blocks=["0.0.0.0/0"], description="admin")])
aws.ec2.Subnet("public", vpc_id="vpc-1", cidr_block="10.0.0.0/24", map_public_ip_on_launch=True)
"""
CLEAN = """
import pulumi_aws as aws

aws.ec2.Subnet("private", vpc_id="vpc-1", cidr_block="10.0.0.0/24")
"""


SG_LINE = next(i for i, line in enumerate(PROGRAM.splitlines(), 1) if line.startswith("sg = "))
SUBNET_LINE = next(i for i, line in enumerate(PROGRAM.splitlines(), 1) if line.startswith("aws.ec2.Subnet("))


def write_program(root: Path, source: str) -> Path:
    (root / "Pulumi.yaml").write_text("name: gate-fixture\nruntime: python\n")
    (root / "Pulumi.dev.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    (root / "__main__.py").write_text(source)
    return root


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return run_gate(write_program(tmp_path_factory.mktemp("prog"), PROGRAM), "dev", pack_name=WORKLOADS)


def test_findings_are_joined_to_resources_and_metadata(result) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1
    by_policy = {f.policy: f for f in result.findings}
    assert set(by_policy) == {"sg_no_public_ssh", "subnet_no_public_ip_on_launch"}
    ssh = by_policy["sg_no_public_ssh"]
    assert (ssh.resource_type, ssh.resource_name, ssh.property_path) == (
        "aws:ec2/securityGroup:SecurityGroup",
        "web",
        "ingress[0].cidrBlocks[0]",
    )
    assert ssh.control == "CIS 5.2, 5.3" and ssh.severity == "high" and ssh.remediation
    assert ssh.message == "ingress from 0.0.0.0/0 reaches port 22"
    assert by_policy["subnet_no_public_ip_on_launch"].enforcement_level == "advisory"


def test_text_groups_by_severity_then_control(result) -> None:  # type: ignore[no-untyped-def]
    text = render(result, "text")
    assert text.index("HIGH") < text.index("CIS 5.2, 5.3") < text.index("MEDIUM")
    assert text.index("MEDIUM") < text.index("subnet_no_public_ip_on_launch")
    assert "aws:ec2/securityGroup:SecurityGroup::web (ingress[0].cidrBlocks[0])" in text
    assert f"[mandatory] __main__.py:{SG_LINE}: aws:ec2/securityGroup:SecurityGroup::web" in text
    assert "policy gate FAILED: 1 mandatory, 1 advisory" in text


def test_json_document_shape(result) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(render(result, "json"))
    assert doc["passed"] is False and doc["exitCode"] == 1
    assert doc["summary"] == {"mandatory": 1, "advisory": 1}
    first = doc["violations"][0]
    assert first["resource"]["name"] == "web" and first["frameworks"]["seed"] == ["firewalled"]
    # Outside a git checkout the program directory is the source root.
    assert first["location"] == {"file": "__main__.py", "line": SG_LINE, "column": None, "related": []}


def test_sarif_required_fields(result) -> None:  # type: ignore[no-untyped-def]
    sarif = json.loads(render(result, "sarif"))
    assert sarif["version"] == "2.1.0" and "$schema" in sarif
    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["sg_no_public_ssh"]["help"]["text"]
    assert "cis-aws-3.0:5.2" in rules["sg_no_public_ssh"]["properties"]["tags"]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    lines = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"] for r in run["results"]}
    assert lines == {"sg_no_public_ssh": {"startLine": SG_LINE},
                     "subnet_no_public_ip_on_launch": {"startLine": SUBNET_LINE}}
    assert levels == {"sg_no_public_ssh": "error", "subnet_no_public_ip_on_launch": "warning"}
    for r in run["results"]:
        assert r["message"]["text"]
        loc = r["locations"][0]
        assert loc["physicalLocation"]["artifactLocation"] == {"uri": "__main__.py", "uriBaseId": "%SRCROOT%"}
        assert loc["logicalLocations"][0]["fullyQualifiedName"].startswith("urn:pulumi:dev::gate-fixture::")
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]


def test_markdown_table(result) -> None:  # type: ignore[no-untyped-def]
    md = render(result, "markdown")
    assert md.startswith("### :x: policy gate FAILED")
    assert "| high | mandatory | CIS 5.2, 5.3 | `aws:ec2/securityGroup:SecurityGroup::web" in md
    assert f"(ingress[0].cidrBlocks[0])` | `__main__.py:{SG_LINE}` | ingress from 0.0.0.0/0" in md


def test_clean_program_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_command("dev", write_program(tmp_path, CLEAN), fmt="json", pack_name=WORKLOADS) == 0
    assert json.loads(capsys.readouterr().out)["passed"] is True


@pytest.mark.parametrize(
    ("stack", "config", "message"),
    [
        ("nope", None, "nope"),
        ("dev", '{"no_such_policy": "mandatory"}', "no_such_policy: no such policy"),
        ("dev", "{not json", "not JSON"),
    ],
)
def test_bad_input_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stack: str, config: str | None, message: str
) -> None:
    program = write_program(tmp_path, CLEAN)
    config_path = None
    if config is not None:
        config_path = tmp_path / "policy.json"
        config_path.write_text(config)
    assert check_command(stack, program, policy_config=config_path) == 2
    assert message in capsys.readouterr().err


def test_pack_that_fails_to_start_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "__main__.py").write_text("raise SystemExit('pack is broken')\n")
    program = write_program(tmp_path, CLEAN)
    assert check_command("dev", program, pack_dir=pack) == 2
    assert "pack is broken" in capsys.readouterr().err
