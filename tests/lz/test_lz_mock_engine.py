"""Running programs under the mock runtime and what the captured graph holds."""

from pathlib import Path

import pulumi
import pulumi_aws as aws
import pytest

from lz.mock_engine import ProgramConfigError, ProgramError, run_function, run_program

VPC = "aws:ec2/vpc:Vpc"
SUBNET = "aws:ec2/subnet:Subnet"


@pytest.fixture(scope="module")
def dev_graph():
    return run_program(Path(__file__).parent / "programs" / "basic", "dev")


def test_graph_has_every_resource_but_the_stack(dev_graph) -> None:
    types = sorted(r.type for r in dev_graph.resources)
    assert types == sorted(
        ["test:network:Island", VPC, *[SUBNET] * 4, "aws:kms/key:Key",
         "aws:cloudwatch/logGroup:LogGroup", "aws:iam/role:Role"]
    )
    assert (dev_graph.project, dev_graph.stack) == ("basic", "dev")


def test_component_children_and_parents(dev_graph) -> None:
    island = dev_graph.get("core")
    assert island.custom is False
    assert island.parent == "urn:pulumi:dev::basic::pulumi:pulumi:Stack::basic-dev"
    children = {r.name for r in dev_graph.children_of(island.urn)}
    assert children == {"core-vpc", "core-public-0", "core-private-0", "core-public-1", "core-private-1"}
    # URNs as the real engine builds them: the root stack's type is not part of the chain.
    assert island.urn == "urn:pulumi:dev::basic::test:network:Island::core"
    vpc_urn = "urn:pulumi:dev::basic::test:network:Island$aws:ec2/vpc:Vpc::core-vpc"
    assert dev_graph.get("core-vpc").urn == vpc_urn


def test_options_protect_retain_and_dependencies(dev_graph) -> None:
    key, logs = dev_graph.get("audit-key"), dev_graph.get("flow-logs")
    assert (key.protect, key.retain_on_delete) == (True, False)
    assert (logs.protect, logs.retain_on_delete) == (False, True)
    # depends_on a component means its children; kmsKeyId adds the key.
    island_children = {r.urn for r in dev_graph.children_of(dev_graph.get("core").urn)}
    assert set(logs.dependencies) == {key.urn} | island_children
    subnet = dev_graph.get("core-public-0")
    assert subnet.dependencies == (dev_graph.get("core-vpc").urn,)


def test_inputs_use_engine_wire_names(dev_graph) -> None:
    vpc = dev_graph.get("core-vpc")
    assert vpc.inputs == {"cidrBlock": "10.10.0.0/16", "enableDnsHostnames": True, "enableDnsSupport": True,
                          "tags": {"Name": "core"}}
    assert dev_graph.get("flow-logs").inputs["retentionInDays"] == 365.0
    assert "cidrBlock" in vpc.raw_inputs.fields


def test_outputs_read_from_other_resources_are_exported(dev_graph) -> None:
    vpc = dev_graph.get("core-vpc")
    assert dev_graph.outputs["vpcId"] == vpc.id
    assert dev_graph.outputs["vpcArn"] == f"arn:aws:ec2:eu-west-1:123456789012:vpc/{vpc.id}"
    assert dev_graph.outputs["defaultSgId"].startswith("sg-")
    assert dev_graph.outputs["account"] == "123456789012"
    assert dev_graph.outputs["env"] == "dev"
    assert dev_graph.get("core-public-0").inputs["vpcId"] == vpc.id


def test_resources_come_after_their_parents_and_dependencies(dev_graph) -> None:
    position = {r.urn: i for i, r in enumerate(dev_graph.resources)}
    for r in dev_graph.resources:
        for before in (r.parent, *r.dependencies):
            assert position.get(before, -1) < position[r.urn], (before, r.urn)


def test_running_again_in_one_process_gives_the_same_graph(dev_graph) -> None:
    again = run_program(Path(__file__).parent / "programs" / "basic", "dev")
    assert again.to_json() == dev_graph.to_json()
    assert again.outputs == dev_graph.outputs


def test_config_decides_the_graph_per_stack(programs: Path) -> None:
    prod = run_program(programs / "basic", "prod")
    assert len(prod.by_type(SUBNET)) == 6
    zones = {r.inputs["availabilityZone"] for r in prod.by_type(SUBNET)}
    assert zones == {"us-east-1a", "us-east-1b", "us-east-1c"}


def test_run_error_becomes_program_config_error_with_every_error(programs: Path) -> None:
    run_program(programs / "basic", "dev")  # leaves a `netlib` module that must not leak
    with pytest.raises(ProgramConfigError) as info:
        run_program(programs / "config_error", "dev")
    assert info.value.errors == [
        "network.cidr: 10.0.0.0/33 is not a valid IPv4 network",
        "network.islands: at least one island is required",
    ]
    assert info.value.registered == 1


def test_crash_becomes_program_error_with_the_program_traceback(programs: Path) -> None:
    with pytest.raises(ProgramError) as info:
        run_program(programs / "crash", "dev")
    assert str(info.value) == "ValueError: boom: the program is broken"
    text = info.value.traceback_text
    assert text.startswith("Traceback") and "crash/app/__main__.py" in text and "in build" in text
    assert "mock_engine.py" not in text


def test_secrets_and_unmocked_invokes(programs: Path) -> None:
    graph = run_program(programs / "other", "test")
    assert graph.get("token").inputs["value"] == "[secret]"
    assert graph.unmocked_calls == ["aws:ec2/getInstance:getInstance"]
    assert graph.get("https").inputs["securityGroupId"] == graph.get("web").id


def test_run_function_captures_declared_resources() -> None:
    def declare() -> None:
        bucket = aws.s3.BucketV2("logs", bucket="my-logs", opts=pulumi.ResourceOptions(protect=True))
        aws.s3.BucketVersioningV2("logs-versioning", bucket=bucket.id,
                                  versioning_configuration={"status": "Enabled"})

    graph = run_function(declare, config={"aws:region": "eu-central-1"})
    assert (graph.project, graph.stack) == ("fixtures", "test")
    bucket = graph.get("logs")
    assert bucket.id == "my-logs" and bucket.outputs["arn"] == "arn:aws:s3:::my-logs"
    assert bucket.protect is True
    versioning = graph.get("logs-versioning")
    assert versioning.inputs == {"bucket": "my-logs", "versioningConfiguration": {"status": "Enabled"}}
    assert versioning.dependencies == (bucket.urn,)


def test_run_function_reports_unknowns_during_preview() -> None:
    def declare() -> None:
        aws.ec2.Subnet("s", vpc_id=pulumi.Output.from_input("vpc-1").apply(lambda _: pulumi.UNKNOWN),
                       cidr_block="10.0.0.0/24")

    graph = run_function(declare)
    assert graph.get("s").inputs["vpcId"] == "<unknown>"


def test_records_carry_the_declaring_line_then_the_chain_outward(dev_graph, programs: Path) -> None:
    main, netlib = programs / "basic" / "__main__.py", programs / "basic" / "netlib" / "__init__.py"
    key = dev_graph.get("audit-key")
    assert [(f.file, f.line) for f in key.source] == [(str(main), 12)]
    # Declared inside the Island component: its line in netlib, then the line that created the Island.
    vpc = dev_graph.get("core-vpc")
    assert [(f.file, f.line) for f in vpc.source] == [(str(netlib), 11), (str(main), 10)]
    assert main.read_text().splitlines()[9].startswith('island = Island("core"')
    assert vpc.to_json()["source"][0] == {"file": str(netlib), "line": 11, "column": None}
