"""SensorImage under the mock engine: what the engine receives, and the policy pack run over it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pulumi
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "tests" / "policies"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import harness  # noqa: E402

from components.base import AccountContext, Tagging  # noqa: E402
from components.ids.image_plan import (  # noqa: E402
    COMPONENT_DATA_LIMIT,
    component_document,
    content_version,
    plan_image,
)
from lz.graph import ResourceGraph  # noqa: E402
from lz.mock_engine import run_function  # noqa: E402
from policies import registry  # noqa: E402
from tests.components.envs import env_of  # noqa: E402

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
NAME = "lz-dev-ids-image"
#: Presence rules judge the whole account (the audit baseline's job), not this component.
ACCOUNT_RULES = ("cis_4_", "iam_password_", "iam_support_role_present", "cloudtrail_present",
                 "config_recorder_enabled", "guardduty_enabled", "securityhub_enabled",
                 "iam_access_analyzer_enabled", "ebs_encryption_by_default", "s3_account_public_access_blocked")


def capture(schedule: str | None = None) -> tuple[ResourceGraph, dict[str, list[str]]]:
    ignored: dict[str, list[str]] = {}

    def record(args: pulumi.ResourceTransformationArgs) -> None:
        # The options the SDK sends as RegisterResource.ignoreChanges (the graph does not keep them).
        ignored[args.name] = list(args.opts.ignore_changes or [])
        return None

    def program() -> None:
        from components.ids.image import SensorImage
        from components.ids.spec import IdsSpec

        pulumi.runtime.register_stack_transformation(record)
        spec = IdsSpec.model_validate({"imageSchedule": schedule} if schedule else {})
        image = SensorImage(NAME, spec, env=env_of(Tagging("dev", "platform", "internal", {})),
                            subnet_id="subnet-0123456789abcdef0", security_group_id="sg-0123456789abcdef0",
                            kms_key_arn=KEY)
        pulumi.export("amiParameterName", image.ami_parameter_name)
        pulumi.export("pipelineArn", image.pipeline_arn)

    return run_function(program, config={"aws:region": "eu-west-1"}), ignored


@pytest.fixture(scope="module")
def captured() -> tuple[ResourceGraph, dict[str, list[str]]]:
    return capture()


def test_the_pipeline_and_its_parts_are_declared(captured: tuple[ResourceGraph, dict[str, list[str]]]) -> None:
    graph, _ = captured
    types = sorted(r.type for r in graph.resources if r.parent and r.parent.endswith(f"::{NAME}"))
    assert types == sorted([
        "aws:iam/role:Role", "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/instanceProfile:InstanceProfile",
        "aws:imagebuilder/component:Component", "aws:imagebuilder/component:Component",
        "aws:imagebuilder/infrastructureConfiguration:InfrastructureConfiguration",
        "aws:imagebuilder/imageRecipe:ImageRecipe",
        "aws:imagebuilder/distributionConfiguration:DistributionConfiguration",
        "aws:imagebuilder/imagePipeline:ImagePipeline", "aws:ssm/parameter:Parameter"])
    assert graph.get(NAME).type == "lz:ids:SensorImage"
    assert graph.outputs["amiParameterName"] == "/lz/dev/ids/sensor-ami"
    assert graph.outputs["pipelineArn"]


def test_build_instances_require_imdsv2_and_terminate_on_failure(captured: tuple[ResourceGraph, Any]) -> None:
    infra = captured[0].get(f"{NAME}-infrastructure").inputs
    assert infra["instanceMetadataOptions"] == {"httpTokens": "required", "httpPutResponseHopLimit": 1.0}
    assert infra["terminateInstanceOnFailure"] is True
    assert infra["subnetId"] == "subnet-0123456789abcdef0"
    assert infra["securityGroupIds"] == ["sg-0123456789abcdef0"]
    policies = {r.inputs["policyArn"] for r in captured[0].by_type("aws:iam/rolePolicyAttachment:RolePolicyAttachment")}
    assert policies == {"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                        "arn:aws:iam::aws:policy/EC2InstanceProfileForImageBuilder"}


def test_the_recipe_builds_on_al2023_with_an_encrypted_gp3_root(captured: tuple[ResourceGraph, Any]) -> None:
    graph = captured[0]
    recipe = graph.get(f"{NAME}-recipe").inputs
    assert recipe["parentImage"] == "ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
    [device] = recipe["blockDeviceMappings"]
    assert device["ebs"] == {"encrypted": "true", "kmsKeyId": KEY, "volumeType": "gp3", "volumeSize": 30.0,
                             "deleteOnTermination": "true"}
    arns = [c["componentArn"] for c in recipe["components"]]
    assert arns[0] == "arn:aws:imagebuilder:eu-west-1:aws:component/update-linux/x.x.x"
    assert len(arns) == 3  # AWS updates first, then our software and its test


def test_components_carry_the_real_documents(captured: tuple[ResourceGraph, Any]) -> None:
    graph = captured[0]
    software = graph.get(f"{NAME}-sensor-software").inputs
    document = yaml.safe_load(software["data"])
    assert [p["name"] for p in document["phases"]] == ["build", "validate"]
    contents = [i["content"] for s in document["phases"][0]["steps"] for i in s.get("inputs", [])
                if isinstance(i, dict) and "content" in i]
    assert any("SNORT3_SHA256=" in c for c in contents) and any("./configure_cmake.sh" in c for c in contents)
    assert software["version"] == content_version(software["data"])
    test = yaml.safe_load(graph.get(f"{NAME}-sensor-test").inputs["data"])
    assert [p["name"] for p in test["phases"]] == ["test"]
    assert all(len(component_document(n)) <= COMPONENT_DATA_LIMIT for n in ("sensor-software", "sensor-test"))


def test_the_new_ami_id_is_written_to_the_fleets_parameter(captured: tuple[ResourceGraph, Any]) -> None:
    graph = captured[0]
    [distribution] = graph.get(f"{NAME}-distribution").inputs["distributions"]
    assert distribution["ssmParameterConfigurations"] == [{"parameterName": "/lz/dev/ids/sensor-ami",
                                                           "dataType": "aws:ec2:image"}]
    assert distribution["amiDistributionConfiguration"]["kmsKeyId"] == KEY
    assert distribution["region"] == "eu-west-1"


def test_the_parameter_is_seeded_and_then_left_to_the_pipeline(
        captured: tuple[ResourceGraph, dict[str, list[str]]]) -> None:
    graph, ignored = captured
    parameter = graph.get(f"{NAME}-ami-parameter")
    assert parameter.inputs["name"] == "/lz/dev/ids/sensor-ami"
    assert parameter.inputs["dataType"] == "aws:ec2:image"
    assert parameter.inputs["value"] == "[secret]"  # the provider marks SSM values secret
    assert ignored[f"{NAME}-ami-parameter"] == ["value"]
    assert ignored[f"{NAME}-pipeline"] == []


def test_the_schedule_lands_patches_only_on_the_cron() -> None:
    graph, _ = capture("cron(0 2 ? * WED *)")
    schedule = graph.get(f"{NAME}-pipeline").inputs["schedule"]
    assert schedule == {"scheduleExpression": "cron(0 2 ? * WED *)",
                        "pipelineExecutionStartCondition": "EXPRESSION_MATCH_ONLY"}
    default = capture()[0].get(f"{NAME}-pipeline").inputs
    assert default["schedule"]["scheduleExpression"] == "cron(0 3 ? * SUN *)"  # IdsSpec.image_schedule
    assert default["imageTestsConfiguration"]["imageTestsEnabled"] is True


def test_a_bad_schedule_is_refused_before_anything_is_declared() -> None:
    with pytest.raises(ValueError, match="rate\\(1 day\\)"):
        plan_image("dev", "rate(1 day)", ACCOUNT)


def test_the_recipe_version_follows_the_documents() -> None:
    plan = plan_image("dev", "cron(0 4 ? * SUN *)", ACCOUNT)
    assert plan.recipe_version == content_version("".join(plan.documents.values()))
    assert content_version("a") != content_version("b")


def test_the_image_passes_every_rule_of_the_pack(captured: tuple[ResourceGraph, Any]) -> None:
    graph = captured[0]
    failures = {}
    for rule_id in sorted(registry.discover()):
        if rule_id.startswith(ACCOUNT_RULES):
            continue
        found = harness.violations(rule_id, graph)
        if found:
            failures[rule_id] = {name: [v.message for v in vs] for name, vs in found.items()}
    assert failures == {}
