"""Every component of the package, constructed by the real engine through Pulumi's component provider host.

A Pulumi YAML program (consumers/yaml-components) wires VpcIsland, SecurityTiers, EncryptedBucket,
Identity and IdsFleet to each other by their outputs; a second one builds the whole LandingZone from the
dev stack's own configuration, and must register what the Python program registers.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from lz.real_cli import RealPulumi
from tests.realengine.conftest import copy_landing_zone
from tests.realengine.consumers.package import REPO, add_yaml_host, component_package, consumer

WORKLOADS = {"LZ_POLICY_PACK": "aws-workloads"}


def _stack(cli: RealPulumi, project: Path) -> Path:
    cli.run(["login", cli.env["PULUMI_BACKEND_URL"]], cwd=project)
    cli.run(["stack", "select", "--create", "dev"], cwd=project)
    cli.run(["config", "set", "aws:region", "eu-west-1"], cwd=project)
    return project


@pytest.fixture(scope="module")
def components(cli: RealPulumi, tmp_path_factory: pytest.TempPathFactory) -> Path:
    add_yaml_host(cli.bin)
    return _stack(cli, consumer("yaml-components", tmp_path_factory.mktemp("yaml-components")))


def _by_type(cli: RealPulumi, project: Path) -> dict[str, list[dict[str, Any]]]:
    done = cli.run(["preview", "--json"], cwd=project)
    out: dict[str, list[dict[str, Any]]] = {}
    for step in json.loads(done.stdout).get("steps", []):
        out.setdefault(step["urn"].split("::")[2].split("$")[-1], []).append(step)
    return out


def _named(steps: list[dict[str, Any]], name: str) -> dict[str, Any]:
    (step,) = [s for s in steps if s["urn"].split("::")[-1] == name]
    inputs: dict[str, Any] = step["newState"]["inputs"]
    return inputs


def test_each_component_builds_its_real_component(cli: RealPulumi, components: Path) -> None:
    by_type = _by_type(cli, components)
    for wrapper, inner in (("VpcIsland", "lz:network:VpcIsland"), ("SecurityTiers", "lz:firewall:SecurityTiers"),
                           ("EncryptedBucket", "lz:storage:EncryptedBucket"), ("Identity", "lz:identity:Identity"),
                           ("IdsFleet", "lz:ids:IdsFleet")):
        assert len(by_type[f"landingzone:index:{wrapper}"]) == 1, wrapper
        (child,) = by_type[inner]
        assert f"landingzone:index:{wrapper}${inner}::" in child["urn"], child["urn"]
    # SecurityTiers: one group per tier in the VpcIsland's VPC, rules only for the flows given.
    groups = by_type["aws:ec2/securityGroup:SecurityGroup"]
    assert {"firewall-public", "firewall-inspection", "firewall-edge-quarantine"} <= {
        g["urn"].split("::")[-1] for g in groups}
    ingress = {s["urn"].split("::")[-1]: s["newState"]["inputs"]
               for s in by_type["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"]}
    https_in = ingress["firewall-public-in-internet-https"]
    assert (https_in["cidrIpv4"], https_in["fromPort"], https_in["toPort"]) == ("0.0.0.0/0", 443, 443)
    egress = {s["urn"].split("::")[-1] for s in by_type["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"]}
    assert "firewall-inspection-out-internet-tls-out" in egress, sorted(egress)
    # EncryptedBucket: the environment's name and the consumer's lifecycle.
    bucket = _named(by_type["aws:s3/bucket:Bucket"], "archive-bucket")
    assert re.fullmatch(r"lz-dev-app-logs-\d{12}-eu-west-1", bucket["bucket"]), bucket["bucket"]
    assert bucket["tags"]["data-classification"] == "confidential"
    (lifecycle,) = by_type["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"]
    days = [t["days"] for r in lifecycle["newState"]["inputs"]["rules"] for t in r.get("transitions", [])]
    assert days[:2] == [60, 120], days
    # Identity: the job functions asked for, no others; the user in its group.
    roles = {s["urn"].split("::")[-1] for s in by_type["aws:iam/role:Role"]}
    assert {"people-administrators-role", "people-auditors-role"} <= roles, sorted(roles)
    assert not any("operators" in r or "developers" in r for r in roles), sorted(roles)
    assert [s["urn"].split("::")[-1] for s in by_type["aws:iam/user:User"]] == ["people-user-alice"]
    assert "aws:accessanalyzer/analyzer:Analyzer" not in by_type  # accessAnalyzer: false
    # IdsFleet: the group sized as asked, in the island's inspection subnets.
    group = by_type["aws:autoscaling/group:Group"][0]["newState"]["inputs"]
    assert (group["minSize"], group["maxSize"], group["desiredCapacity"]) == (1, 2, 1)
    assert len(group["vpcZoneIdentifiers"]) == 2
    assert group["targetGroupArns"] == [
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/lz-dev-sensors/0123456789abcdef"]


def test_components_pass_the_workloads_pack(cli: RealPulumi, components: Path, pack_dir: Path) -> None:
    done = cli.run(["preview", "--policy-pack", str(pack_dir)], cwd=components, check=False, env=WORKLOADS)
    text = done.stdout + done.stderr
    assert done.returncode == 0 and "[mandatory]" not in text, text[-4000:]


def test_a_missing_reference_is_an_input_error(cli: RealPulumi, components: Path) -> None:
    path = components / "Pulumi.yaml"
    original = path.read_text()
    try:
        path.write_text(original.replace("          gatewayPrefixListIds: ${edge.gatewayPrefixListIds}\n", ""))
        done = cli.run(["preview"], cwd=components, check=False)
    finally:
        path.write_text(original)
    text = re.sub(r"\s+", " ", done.stdout + done.stderr)
    assert done.returncode != 0
    assert "invalid SecurityTiers inputs" in text and "islands[0].gatewayPrefixListIds" in text, text[-3000:]
    assert "VpcIsland output gatewayPrefixListIds" in text, text[-3000:]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("      minSize: 1\n", "      minSize: 3\n", "invalid IdsFleet inputs: minSize: 3 is greater than maxSize 2"),
    ("        minimumLength: 16\n", "        minimumLength: 8\n",
     "invalid Identity inputs: passwordPolicy.minimumLength: 8"),
    ("      azCount: 2\n", "      azCount: 6\n", "invalid VpcIsland inputs: azCount: network.azCount: 6 AZs requested"),
], ids=["ids-sizes", "identity-password", "island-azs"])
def test_spec_errors_name_the_consumers_property(cli: RealPulumi, components: Path, old: str, new: str,
                                                 expected: str) -> None:
    path = components / "Pulumi.yaml"
    original = path.read_text()
    assert old in original
    try:
        path.write_text(original.replace(old, new))
        done = cli.run(["preview"], cwd=components, check=False)
    finally:
        path.write_text(original)
    text = re.sub(r"\s+", " ", done.stdout + done.stderr)
    assert done.returncode != 0 and expected in text, text[-3000:]


# -- the whole landing zone -------------------------------------------------------------------------
def _landing_zone_program(dst: Path, config: dict[str, Any]) -> Path:
    component_package(dst / "package")
    program = dst / "program"
    program.mkdir()
    (program / "Pulumi.yaml").write_text(yaml.safe_dump({
        "name": "yaml-landing-zone", "runtime": "yaml",
        "packages": {"landingzone": "../package/components/provider"},
        "resources": {"lz-dev": {"type": "landingzone:index:LandingZone", "properties": {"config": config}}},
        "outputs": {"vpcIds": "${lz-dev.vpcIds}", "transitGatewayId": "${lz-dev.transitGatewayId}"},
    }, sort_keys=False))
    return program


def _dev_config() -> dict[str, Any]:
    stack = yaml.safe_load((REPO / "Pulumi.dev.yaml").read_text())["config"]
    return {key.split(":", 1)[1]: value for key, value in stack.items() if key.startswith("landing-zone:")}


def test_landing_zone_from_yaml_registers_what_the_python_program_does(
        cli: RealPulumi, pack_dir: Path, tmp_path: Path) -> None:
    add_yaml_host(cli.bin)
    program = _stack(cli, _landing_zone_program(tmp_path / "yaml", _dev_config()))
    done = cli.run(["preview", "--json", "--policy-pack", str(pack_dir)], cwd=program, check=False)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    preview = json.loads(done.stdout)
    assert not [d for d in preview.get("diagnostics", []) if "mandatory" in str(d.get("message", ""))]
    types = [(s["urn"].split("::")[2].split("$")[-1], s["urn"].split("::")[-1]) for s in preview["steps"]]
    ours = Counter(t for t in types if not t[0].startswith(("pulumi:", "landingzone:")))
    python = copy_landing_zone(tmp_path / "python")
    offline = subprocess.run([sys.executable, "-m", "lz", "preview", "dev", "--json", "--program", str(python)],
                             capture_output=True, text=True, check=True)
    theirs = Counter((r["type"], r["name"]) for r in json.loads(offline.stdout)["resources"])
    assert ours == theirs, f"only via YAML: {sorted((ours - theirs).elements())[:8]}; " \
                           f"only in Python: {sorted((theirs - ours).elements())[:8]}"


def test_landing_zone_config_errors_are_reported_all_at_once(cli: RealPulumi, tmp_path: Path) -> None:
    add_yaml_host(cli.bin)
    config = _dev_config()
    config["network"]["islands"][1]["cidr"] = config["network"]["islands"][0]["cidr"]
    config["tags"]["owner"] = ""
    program = _stack(cli, _landing_zone_program(tmp_path, config))
    done = cli.run(["preview"], cwd=program, check=False)
    text = re.sub(r"\s+", " ", done.stdout + done.stderr)
    assert done.returncode != 0
    assert "invalid LandingZone inputs" in text, text[-3000:]
    assert "config.tags.owner" in text, text[-3000:]
    assert "aws:ec2:Vpc" not in text and "aws:kms:Key" not in text, text[-3000:]
