"""A TypeScript program that uses our VpcIsland through the component package, under the real engine.

The consumer does what the Pulumi docs tell a TypeScript user to do: `pulumi install`, then
`pulumi package add <path to components/provider>` (the CLI gets the schema from our plugin, has the
Node.js language host generate an SDK into sdks/landingzone and link it), then `pulumi preview`.

Real: the CLI and engine, `@pulumi/pulumi` from npm (its cmd/run runs the program with ts-node), Pulumi's
Node.js code generator (pkg/v3/codegen/nodejs via scripts/build-codegen), npm, tsc, Pulumi's
component provider host running our package, the policy pack. Stand-ins: the Node.js language host's
gRPC shim (lz/nodejs_langhost.py: the Go module is not served), the Python one, the AWS provider.
Invalid input is tested on the YAML consumers: the provider rejects it, whatever the language.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from lz.real_cli import RealPulumi
from tests.realengine.consumers.package import (
    add_nodejs_host,
    assert_builds_the_island,
    assert_previews_with_workloads_pack,
    consumer_fixture,
    steps_by_type,
)

program = consumer_fixture("typescript", add_nodejs_host, install=True, package_add=True)


def test_package_add_generates_and_links_a_typed_sdk(program: Path) -> None:
    project = yaml.safe_load((program / "Pulumi.yaml").read_text())
    assert project["packages"] == {"landingzone": "../package/components/provider"}
    manifest = json.loads((program / "package.json").read_text())
    assert manifest["dependencies"]["@pulumi/landingzone"] == "file:sdks/landingzone"
    sdk = program / "sdks" / "landingzone"
    source = (sdk / "vpcIsland.ts").read_text()
    # Plain spec values are plain TypeScript types; outputs are Outputs.
    assert re.search(r"\bcidr: string;", source), source[:3000]
    assert re.search(r"tiers: inputs\.TierArgs\[\];", source), source[:3000]
    assert re.search(r"public /\*out\*/ readonly vpcId: pulumi\.Output<string>;", source), source[:3000]
    assert 'super(VpcIsland.__pulumiType, name, resourceInputs, opts, true /*remote*/' in source, source[:3000]
    # npm ran the SDK's postinstall (tsc): the compiled SDK is what the program loads.
    assert (sdk / "bin" / "vpcIsland.js").is_file()
    assert (program / "node_modules" / "@pulumi" / "landingzone").resolve() == sdk.resolve()


def test_typescript_program_previews_with_the_pack(cli: RealPulumi, program: Path, pack_dir: Path) -> None:
    assert_previews_with_workloads_pack(cli, program, pack_dir)


def test_typescript_program_builds_the_island_it_asked_for(cli: RealPulumi, program: Path) -> None:
    assert_builds_the_island(steps_by_type(cli, program), "10.50.0.0/16")
