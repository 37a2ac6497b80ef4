"""`lz check`: the preview summary and findings from one program run."""

from __future__ import annotations

from pathlib import Path

import pytest

from lz.check import check_command

WORKLOADS = "aws-workloads"
PROGRAM = """
import pulumi
import pulumi_aws as aws

aws.ec2.Subnet("private", vpc_id="vpc-1", cidr_block="10.0.0.0/24")
if pulumi.get_stack() == "prod":
    aws.ec2.SecurityGroup("web", ingress=[aws.ec2.SecurityGroupIngressArgs(
        protocol="tcp", from_port=22, to_port=22, cidr_blocks=["0.0.0.0/0"], description="admin")])
"""
STACKS = ("dev", "prod")


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("check-program")
    (root / "Pulumi.yaml").write_text("name: check-fixture\nruntime: python\n")
    for stack in STACKS:
        (root / f"Pulumi.{stack}.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    (root / "__main__.py").write_text(PROGRAM)
    return root


def test_one_stack_prints_the_preview_summary_then_the_findings(
    program: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_command("prod", program, pack_name=WORKLOADS) == 1
    out = capsys.readouterr().out
    assert "check-fixture/prod: 2 resources" in out and "Resources by component" in out
    assert out.index("Resources by component") < out.index("CRITICAL") < out.index("policy gate FAILED")
    assert "─ stack prod ─" not in out  # no per-stack sections for one stack
