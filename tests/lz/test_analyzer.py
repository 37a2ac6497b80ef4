"""lz.analyzer drives the real pack process over the Analyzer gRPC protocol, end to end."""

from pathlib import Path

import pulumi_aws as aws
import pytest

from lz.analyzer import AnalyzerError, PolicyPackProcess, analyze_resources
from lz.mock_engine import run_function
from lz.policy_config import PolicyConfigError

PACK = Path(__file__).resolve().parents[2] / "policies"


def declare() -> None:
    aws.ec2.SecurityGroup(
        "open-ssh",
        ingress=[
            aws.ec2.SecurityGroupIngressArgs(
                protocol="tcp", from_port=22, to_port=22, cidr_blocks=["0.0.0.0/0"], description="bastion"
            )
        ],
    )
    aws.ec2.SecurityGroup(
        "closed",
        ingress=[
            aws.ec2.SecurityGroupIngressArgs(
                protocol="tcp", from_port=443, to_port=443, cidr_blocks=["10.0.0.0/8"], description="lb"
            )
        ],
    )
    aws.ec2.Vpc("unlogged", cidr_block="10.0.0.0/16")


GRAPH = run_function(declare)


def test_resource_and_stack_violations_come_back_with_policy_and_level() -> None:
    analysis = analyze_resources(PACK, GRAPH.resources, pack_name="aws-workloads")
    found = {
        (d.policy, d.urn.rsplit("::", 1)[-1], d.enforcement_level, d.severity) for d in analysis.diagnostics
    }
    assert found == {
        ("sg_no_public_ssh", "open-ssh", "mandatory", "high"),
        ("vpc_flow_logs_enabled", "unlogged", "advisory", "medium"),
        # The VPC's default security group is never adopted and emptied (FSBP EC2.2, CIS 5.4).
        ("vpc_default_sg_adopted", "unlogged", "mandatory", "high"),
    }
    ssh = next(d for d in analysis.diagnostics if d.policy == "sg_no_public_ssh")
    assert "[property: ingress[0].cidrBlocks[0]]" in ssh.message
    assert ssh.pack == "aws-workloads"


def test_policy_config_sets_levels_and_properties() -> None:
    config = {
        "all": "advisory",
        "sg_no_public_ssh": {"allowed_cidrs": ["0.0.0.0/0"]},
        "vpc_flow_logs_enabled": "disabled",
        "vpc_default_sg_adopted": "disabled",
    }
    analysis = analyze_resources(PACK, GRAPH.resources, policy_config=config, pack_name="aws-workloads")
    assert analysis.diagnostics == []
    assert analysis.config["sg_no_public_all_ports"] == (
        "advisory",
        {"allowed_cidrs": [], "strict": False, "exemptions": []},
    )


def test_advisory_pack_is_selected_by_name() -> None:
    analysis = analyze_resources(PACK, GRAPH.resources, pack_name="aws-landing-zone-advisory")
    assert {d.enforcement_level for d in analysis.diagnostics} == {"advisory"}
    assert analysis.pack.name == "aws-landing-zone-advisory"


def test_get_analyzer_info_carries_rule_metadata() -> None:
    with PolicyPackProcess(PACK) as pack:
        meta = pack.info().policies["sg_no_public_ssh"]
    assert meta.frameworks() == {"aws-fsbp": ["EC2.13"], "cis-aws-5.0": ["5.3", "5.4"],
                                 "cis-aws-3.0": ["5.2", "5.3"], "seed": ["firewalled"]}
    assert meta.remediation and meta.severity == "high" and meta.kind == "resource"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"no_such_policy": "mandatory"}, "no_such_policy: no such policy"),
        ({"sg_no_public_ssh": "blocking"}, "enforcement level 'blocking'"),
        ({"sg_no_public_ssh": {"strict": "yes"}}, "sg_no_public_ssh.strict: expected boolean"),
        ({"sg_no_public_ssh": {"ports": [22]}}, "sg_no_public_ssh.ports: unknown config property"),
    ],
)
def test_invalid_policy_config_is_a_clear_error(config: dict, message: str) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        analyze_resources(PACK, GRAPH.resources, policy_config=config)


def test_pack_that_fails_to_start_reports_its_stderr(tmp_path: Path) -> None:
    (tmp_path / "__main__.py").write_text(
        "import sys\nsys.stderr.write('boom: missing rule module\\n')\nsys.exit(3)\n"
    )
    with pytest.raises(AnalyzerError, match=r"exited before printing its port \(exit code 3\)[\s\S]*boom"):
        analyze_resources(tmp_path, GRAPH.resources)


def test_unknown_pack_name_fails_with_the_known_names() -> None:
    with pytest.raises(AnalyzerError, match="unknown policy pack 'nope'"):
        analyze_resources(PACK, GRAPH.resources, pack_name="nope")


def test_process_is_terminated_on_exit() -> None:
    with PolicyPackProcess(PACK) as pack:
        proc = pack._proc
        assert proc is not None and proc.poll() is None
    assert proc.poll() is not None


def test_pack_runs_in_the_virtualenv_its_pulumipolicy_yaml_names(tmp_path: Path) -> None:
    import sys

    from lz.analyzer import _pack_python

    (tmp_path / "PulumiPolicy.yaml").write_text("runtime:\n  name: python\n  options:\n    virtualenv: env\n")
    assert _pack_python(tmp_path) == sys.executable  # named but not created yet: the CLI would create it
    (tmp_path / "env" / "bin").mkdir(parents=True)
    (tmp_path / "env" / "bin" / "python").symlink_to(sys.executable)
    assert _pack_python(tmp_path) == str(tmp_path / "env" / "bin" / "python")
