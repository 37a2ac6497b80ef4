"""`pulumi package get-schema` on our component package (components/provider), under the real CLI.

The CLI installs the plugin's dependencies and runs it through the Python language host (RunPlugin; the
host is our stand-in, lz/python_langhost.py); the plugin is Pulumi's own component provider host
(`pulumi.provider.experimental`), which infers the schema from the wrappers' type annotations.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from lz.real_cli import RealPulumi
from tests.realengine.consumers.package import SCHEMA, component_package

COMPONENTS = {"VpcIsland", "SecurityTiers", "EncryptedBucket", "IdsFleet", "Identity", "LandingZone"}


def _schema(cli: RealPulumi, plugin: Path) -> tuple[str, dict[str, Any]]:
    done = cli.run(["package", "get-schema", str(plugin)], cwd=plugin.parent.parent)
    schema: dict[str, Any] = json.loads(done.stdout)
    return done.stdout, schema


@pytest.fixture(scope="module")
def schema(cli: RealPulumi, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    text, schema = _schema(cli, component_package(tmp_path_factory.mktemp("package")))
    if os.environ.get("LZ_WRITE_SCHEMA") == "1":
        SCHEMA.write_text(text)
    return schema


def test_schema_is_the_committed_one(schema: dict[str, Any]) -> None:
    pinned = json.loads(SCHEMA.read_text())
    if schema != pinned:
        diff = "\n".join(difflib.unified_diff(json.dumps(pinned, indent=2, sort_keys=True).splitlines(),
                                              json.dumps(schema, indent=2, sort_keys=True).splitlines(),
                                              "components/provider/schema.json", "pulumi package get-schema",
                                              lineterm="", n=2))
        pytest.fail("the component package's schema changed; if that is meant, rerun with LZ_WRITE_SCHEMA=1 "
                    f"and commit components/provider/schema.json:\n{diff[:6000]}")


def test_schema_names_our_components_and_nothing_else(schema: dict[str, Any]) -> None:
    assert schema["name"] == "landingzone"
    assert schema["version"] == "0.1.0"
    resources = schema["resources"]
    assert set(resources) == {f"landingzone:index:{c}" for c in COMPONENTS}
    assert all(r["isComponent"] for r in resources.values())


def _resource(schema: dict[str, Any], name: str) -> dict[str, Any]:
    resource: dict[str, Any] = schema["resources"][f"landingzone:index:{name}"]
    return resource


def test_vpc_island_inputs_are_plain_spec_values(schema: dict[str, Any]) -> None:
    island = _resource(schema, "VpcIsland")
    inputs = island["inputProperties"]
    assert island["requiredInputs"] == ["cidr", "environment", "tiers"]
    # The plan is computed from these before any resource exists, so they must be known: plain.
    assert inputs["cidr"] == {"type": "string", "plain": True, "description": "IPv4 CIDR of the VPC, /16 to /20."}
    assert inputs["tiers"]["items"]["$ref"] == "#/types/landingzone:index:Tier"
    assert inputs["environment"]["$ref"] == "#/types/landingzone:index:Environment"
    assert {"azCount", "azNames", "natStrategy", "flowLogRetentionDays"} <= set(inputs)
    assert inputs["azCount"]["type"] == "integer"
    tier = schema["types"]["landingzone:index:Tier"]
    assert set(tier["properties"]) == {"name", "kind", "prefixLength", "slot"}
    assert sorted(tier["required"]) == ["kind", "name"]
    environment = schema["types"]["landingzone:index:Environment"]
    assert set(environment["properties"]) == {"name", "owner", "dataClassification", "tags", "production", "protect"}
    assert sorted(environment["required"]) == ["name", "owner"]
    assert environment["properties"]["tags"]["additionalProperties"]["type"] == "string"


def test_vpc_island_outputs(schema: dict[str, Any]) -> None:
    island = _resource(schema, "VpcIsland")
    outputs = island["properties"]
    assert set(outputs) == {"vpcId", "subnetIds", "routeTableIds", "endpointSecurityGroupId", "flowLogGroupName",
                            "gatewayPrefixListIds"}
    assert outputs["vpcId"]["type"] == "string"
    assert outputs["subnetIds"]["additionalProperties"] == {"type": "array", "items": {"type": "string"}}
    assert sorted(island["required"]) == sorted(outputs)
    assert not any(p.get("plain") for p in outputs.values())


def test_references_to_other_resources_are_inputs(schema: dict[str, Any]) -> None:
    """Ids and ARNs may be another resource's output: they are Inputs (not plain), so any VPC can be passed."""
    fleet = _resource(schema, "IdsFleet")["inputProperties"]
    for name in ("vpcId", "securityGroupId", "dataKeyArn", "instanceProfileName", "alertsTopicArn", "upstreamUrl",
                 "targetGroupArn"):
        assert fleet[name]["type"] == "string" and not fleet[name].get("plain"), name
    assert fleet["subnetIds"]["items"] == {"type": "string"}  # a list of Inputs
    assert fleet["minSize"]["plain"] is True
    island_ref = schema["types"]["landingzone:index:IslandRef"]["properties"]
    assert not island_ref["vpcId"].get("plain") and island_ref["cidr"]["plain"] is True
    # A VpcIsland's gatewayPrefixListIds output can be passed whole.
    assert not island_ref["gatewayPrefixListIds"].get("plain")
    bucket = _resource(schema, "EncryptedBucket")["inputProperties"]
    assert not bucket["kmsKeyArn"].get("plain")
    assert _resource(schema, "EncryptedBucket")["requiredInputs"] == ["environment", "purpose"]


def test_other_components_outputs(schema: dict[str, Any]) -> None:
    assert set(_resource(schema, "SecurityTiers")["properties"]) == {"securityGroupIds", "quarantineSecurityGroupIds"}
    assert set(_resource(schema, "EncryptedBucket")["properties"]) == {"bucketName", "arn"}
    assert set(_resource(schema, "IdsFleet")["properties"]) == {"launchTemplateId", "groupName", "alarmArn"}
    assert set(_resource(schema, "Identity")["properties"]) == {
        "permissionsBoundaryArn", "forceMfaPolicyArn", "groupNames", "roleArns", "supportRoleArn", "userNames"}
    zone = _resource(schema, "LandingZone")
    assert set(zone["properties"]) == {"environment", "vpcIds", "subnetIds", "securityGroupIds", "transitGatewayId",
                                       "logArchiveBucket", "alertsTopicArn"}
    assert zone["requiredInputs"] == ["config"]
    assert zone["inputProperties"]["config"]["additionalProperties"] == {"$ref": "pulumi.json#/Any", "plain": True}


def test_get_schema_creates_the_plugin_virtualenv(cli: RealPulumi, tmp_path: Path) -> None:
    """A consumer's fresh copy has no virtualenv: the CLI has the language host create it from
    requirements.txt (InstallDependencies), then runs the plugin in it."""
    plugin = component_package(tmp_path, fresh=True)
    _, schema = _schema(cli, plugin)
    assert (plugin / "venv" / "bin" / "python").exists()
    assert set(schema["resources"]) == {f"landingzone:index:{c}" for c in COMPONENTS}
