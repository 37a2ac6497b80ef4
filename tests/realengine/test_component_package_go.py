"""A Go program that uses our VpcIsland through the component package, under the real engine.

The consumer does what a Go user does: `pulumi package add <path to components/provider>` (the CLI gets
the schema from our plugin and has the Go language host generate an SDK into sdks/landingzone and
link it in go.mod), then `pulumi preview`, which builds the program with Go and runs it.

Real: the CLI and engine, Pulumi's Go SDK (sdk/v3/go/pulumi) and Go toolchain, Pulumi's Go code
generator (pkg/v3/codegen/go via scripts/build-codegen), Pulumi's component provider host running our
package, the policy pack. Stand-ins: the Go language host's gRPC shim (lz/go_langhost.py: the Go module
is not served), the Python one, the AWS provider.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from lz.real_cli import RealPulumi
from tests.realengine.consumers.package import (
    GO_ENV,
    add_go_host,
    assert_builds_the_island,
    assert_previews_with_workloads_pack,
    consumer_fixture,
    steps_by_type,
)

SDK_MODULE = "example.com/pulumi-landingzone/sdk/go"


program = consumer_fixture("go", add_go_host, package_add=True, env=GO_ENV)


def test_package_add_generates_and_links_a_typed_sdk(program: Path) -> None:
    project = yaml.safe_load((program / "Pulumi.yaml").read_text())
    assert project["packages"] == {"landingzone": "../package/components/provider"}
    assert f"replace {SDK_MODULE} => ./sdks/landingzone" in (program / "go.mod").read_text()
    source = (program / "sdks" / "landingzone" / "landingzone" / "vpcIsland.go").read_text()
    # Plain spec values are plain Go types; outputs are Outputs; the resource is remote (constructed by us).
    assert re.search(r"\n\tCidr string\n", source), source[:3000]
    assert re.search(r"\n\tTiers \[\]TierArgs\n", source), source[:3000]
    assert re.search(r"\n\tVpcId pulumi\.StringOutput `pulumi:\"vpcId\"`", source), source[:3000]
    assert "ctx.RegisterRemoteComponentResource(\"landingzone:index:VpcIsland\"" in source, source[:3000]


def test_go_program_previews_with_the_pack(cli: RealPulumi, program: Path, pack_dir: Path) -> None:
    assert_previews_with_workloads_pack(cli, program, pack_dir, env=GO_ENV)


def test_go_program_builds_the_island_it_asked_for(cli: RealPulumi, program: Path) -> None:
    assert_builds_the_island(steps_by_type(cli, program, env=GO_ENV), "10.70.0.0/16")
