"""Analyze while the program runs: each resource goes to the real pack as it registers, as the engine
sends it, and the result is exactly what analyzing everything after the program gives."""

from __future__ import annotations

import time
from pathlib import Path

import pulumi
import pulumi_aws as aws
import pytest

from lz.analyzer import AnalyzeStream, PolicyPackProcess, analyze_resources
from lz.gate import DEFAULT_PACK_DIR, GateError, join, run_gate
from lz.graph import ResourceRecord
from lz.mock_engine import run_function
from lz.source import ProgramSource

PACK = Path(__file__).resolve().parents[2] / "policies"
WORKLOADS = "aws-workloads"
# Resource rules (open SSH twice, a public subnet) and a stack rule (a VPC without flow logs), several
# findings per resource and resources registered out of dependency order (the subnets need the VPC).
PROGRAM = """
import pulumi_aws as aws

vpc = aws.ec2.Vpc("unlogged", cidr_block="10.0.0.0/16")
for name in ("b-web", "a-admin"):
    aws.ec2.SecurityGroup(name, vpc_id=vpc.id, ingress=[aws.ec2.SecurityGroupIngressArgs(
        protocol="-1", from_port=0, to_port=0, cidr_blocks=["0.0.0.0/0"], description="open")])
aws.ec2.Subnet("public", vpc_id=vpc.id, cidr_block="10.0.0.0/24", map_public_ip_on_launch=True)
aws.ec2.Subnet("private", vpc_id=vpc.id, cidr_block="10.0.1.0/24")
"""


def declare() -> None:
    exec(compile(PROGRAM, "<program>", "exec"), {})


def test_streamed_answers_equal_the_batch_answers_in_graph_order() -> None:
    with PolicyPackProcess(PACK, pack_name=WORKLOADS) as pack:
        stream = AnalyzeStream(pack, {"subnet_no_public_ip_on_launch": "mandatory"}).start()
        graph = run_function(declare, on_register=stream.submit)
        streamed = stream.finish(graph.resources)
    batch = analyze_resources(PACK, graph.resources, pack_name=WORKLOADS,
                              policy_config={"subnet_no_public_ip_on_launch": "mandatory"})
    assert len(streamed.diagnostics) >= 5
    assert streamed.diagnostics == batch.diagnostics
    assert streamed.config == batch.config
    assert {d.policy for d in streamed.diagnostics} >= {"vpc_flow_logs_enabled", "sg_no_public_all_ports"}


def test_the_pack_answers_while_the_program_is_still_running() -> None:
    waited: list[bool] = []
    with PolicyPackProcess(PACK, pack_name=WORKLOADS) as pack:
        stream = AnalyzeStream(pack).start()

        def wait_for_an_answer(_: object) -> None:
            deadline = time.monotonic() + 30
            while stream.analyzed == 0 and time.monotonic() < deadline:
                time.sleep(0.01)
            waited.append(stream.analyzed > 0)

        def program() -> None:
            vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
            # Runs once the VPC has registered, before the program goes on: the pack must have answered.
            vpc.id.apply(wait_for_an_answer)
            aws.ec2.Subnet("subnet", vpc_id=vpc.id, cidr_block="10.0.1.0/24")

        graph = run_function(program, on_register=stream.submit)
        stream.finish(graph.resources)
    assert waited == [True]


def test_on_register_sees_each_record_as_it_registers() -> None:
    seen: list[ResourceRecord] = []
    at_apply: list[list[str]] = []

    def program() -> None:
        bucket = aws.s3.BucketV2("logs", bucket="my-logs")
        bucket.id.apply(lambda _: at_apply.append([r.name for r in seen]))
        aws.s3.BucketVersioningV2("logs-versioning", bucket=bucket.id,
                                  versioning_configuration={"status": "Enabled"},
                                  opts=pulumi.ResourceOptions(parent=bucket))

    graph = run_function(program, on_register=seen.append)
    assert at_apply == [["logs"]]
    assert {id(r) for r in seen} == {id(r) for r in graph.resources}  # the very records of the graph


def write_program(root: Path, source: str) -> Path:
    (root / "Pulumi.yaml").write_text("name: stream-fixture\nruntime: python\n")
    (root / "Pulumi.dev.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    (root / "__main__.py").write_text(source)
    return root


def test_gate_findings_are_those_of_the_batch_path(tmp_path: Path) -> None:
    program = write_program(tmp_path, PROGRAM)
    result = run_gate(program, "dev", pack_name=WORKLOADS)
    assert result.graph is not None
    batch = analyze_resources(DEFAULT_PACK_DIR, result.graph.resources, pack_name=WORKLOADS)
    expected = join(batch.diagnostics, result.graph, batch.pack.policies, ProgramSource.of(program.resolve()))
    assert len(result.findings) >= 5 and result.findings == expected


def test_a_program_crash_wins_over_a_pack_that_will_not_start(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "__main__.py").write_text("raise SystemExit('pack is broken')\n")
    crash = "import pulumi_aws as aws\naws.ec2.Vpc('v', cidr_block='10.0.0.0/16')\nraise ValueError('boom')\n"
    program = write_program(tmp_path, crash)
    with pytest.raises(GateError) as err:
        run_gate(program, "dev", pack_dir=pack)
    assert err.value.code == 3 and "boom" in str(err.value)
