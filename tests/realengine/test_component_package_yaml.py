"""A Pulumi YAML program that uses our VpcIsland through the component package, under the real engine.

Real: the CLI and engine, Pulumi's YAML language host (built from github.com/pulumi/pulumi-yaml by
scripts/build-pulumi-yaml), Pulumi's component provider host running our package, the policy pack.
Stand-ins: the AWS provider (lz/standin) and the Python language host's gRPC shim that starts the plugin.
"""

from __future__ import annotations

import re
from pathlib import Path

from lz.real_cli import RealPulumi
from tests.realengine.consumers.package import (
    add_yaml_host,
    assert_previews_with_workloads_pack,
    consumer_fixture,
    steps_by_type,
)

program = consumer_fixture("yaml", add_yaml_host)


def test_yaml_program_previews_with_the_pack(cli: RealPulumi, program: Path, pack_dir: Path) -> None:
    assert_previews_with_workloads_pack(cli, program, pack_dir)


def test_yaml_program_builds_the_island_it_asked_for(cli: RealPulumi, program: Path) -> None:
    by_type = steps_by_type(cli, program)
    wrapper = by_type["landingzone:index:VpcIsland"]
    inner = by_type["lz:network:VpcIsland"]
    assert len(wrapper) == len(inner) == 1
    # The real component is the wrapper's child, and the AWS resources are the component's.
    assert "landingzone:index:VpcIsland$lz:network:VpcIsland::island" in inner[0]["urn"]
    (vpc,) = by_type["aws:ec2/vpc:Vpc"]
    assert vpc["newState"]["inputs"]["cidrBlock"] == "10.40.0.0/16"
    subnets = sorted(s["newState"]["inputs"]["cidrBlock"] for s in by_type["aws:ec2/subnet:Subnet"]
                     if s["urn"].split("::")[-1].split("-")[1] in ("web", "app", "data"))
    assert len(subnets) == 6, subnets  # three tiers in two AZs
    assert all(s.startswith("10.40.") for s in subnets)
    # The environment's tags reach the resources the plugin registered, the consumer's extra tag too.
    tags = vpc["newState"]["inputs"]["tags"]
    assert tags["environment"] == "dev" and tags["owner"] == "app-team" and tags["cost-center"] == "app-42", tags
    assert len(by_type["aws:ec2/natGateway:NatGateway"]) == 1  # natStrategy: single


def test_invalid_input_is_a_clear_error_before_any_resource(cli: RealPulumi, program: Path) -> None:
    done = cli.run(["preview", "--config", "cidr=10.40.0.0/24"], cwd=program, check=False)
    text = re.sub(r"\s+", " ", done.stdout + done.stderr)
    assert done.returncode != 0
    assert "invalid VpcIsland inputs" in text and "cidr" in text and "must be /16 to /20" in text, text[-3000:]
    assert "aws:ec2:Vpc" not in text, text[-3000:]
