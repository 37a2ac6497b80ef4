"""The stand-in answers what lz's mocks answer: same ids, same outputs, same invoke results.

Each case computes both sides: the program runs under lz's offline engine (AwsMocks), then each
registration, exactly as the engine received it, goes to the stand-in's Create.
"""

from __future__ import annotations

import json
from importlib import resources

import pulumi
import pulumi_aws as aws
import pytest
from pulumi.runtime.mocks import MockCallArgs
from pulumi.runtime.proto import provider_pb2

from lz.aws_mocks import AwsMocks
from lz.graph import wire_to_plain
from lz.mock_engine import run_function
from lz.standin import wire
from tests.standin.conftest import ACCOUNT, REGION


def _declare() -> None:
    vpc = aws.ec2.Vpc("core", cidr_block="10.20.0.0/16", enable_dns_hostnames=True, tags={"Name": "core"})
    aws.ec2.Subnet("core-app-a", vpc_id=vpc.id, cidr_block="10.20.1.0/24", availability_zone="eu-west-1b")
    aws.iam.Role("flow-logs", path="/service/", assume_role_policy=json.dumps({"Version": "2012-10-17"}))
    aws.kms.Key("logs", enable_key_rotation=True, deletion_window_in_days=30)
    aws.s3.Bucket("log-archive", force_destroy=False, tags={"dataClassification": "restricted"})
    aws.ec2.Vpc("hidden", cidr_block="10.30.0.0/16", tags=pulumi.Output.secret({"owner": "platform"}))


@pytest.fixture(scope="module")
def under_mocks() -> dict:
    graph = run_function(_declare, config={"aws:region": REGION}, account_id=ACCOUNT, preview=False)
    return {record.name: record for record in graph.resources}


NAMES = ["core", "core-app-a", "flow-logs", "logs", "log-archive", "hidden"]


@pytest.mark.parametrize("name", NAMES)
def test_create_gives_the_id_and_outputs_lz_mocks_give(provider, under_mocks, name: str) -> None:
    record = under_mocks[name]
    response = provider.Create(provider_pb2.CreateRequest(
        urn=record.urn, name=record.name, type=record.type, properties=record.raw_inputs, preview=False,
    ))
    assert response.id == record.id
    assert wire_to_plain(response.properties) == record.outputs
    assert record.outputs.get("arn"), "a case without an ARN would not show the account and region agree"


def test_secret_inputs_and_their_copies_are_secret_under_both_engines(provider, under_mocks) -> None:
    record = under_mocks["hidden"]
    # Another name: the same type and name twice would (rightly) get another id, whichever test runs first.
    response = provider.Create(provider_pb2.CreateRequest(
        urn=record.urn + "-2", name=record.name + "-2", type=record.type, properties=record.raw_inputs,
    ))
    outputs = wire.from_struct(response.properties)
    assert {k for k, v in outputs.items() if wire.has_secret(v)} == {"tags", "tagsAll"}
    assert record.outputs["tags"] == record.outputs["tagsAll"] == "[secret]"


def _invoke(provider, token: str, args: dict) -> provider_pb2.InvokeResponse:
    return provider.Invoke(provider_pb2.InvokeRequest(tok=token, args=wire.to_struct(args)))


@pytest.mark.parametrize(("token", "args"), [
    ("aws:index/getCallerIdentity:getCallerIdentity", {}),
    ("aws:index/getAvailabilityZones:getAvailabilityZones", {"state": "available"}),
    ("aws:index/getAvailabilityZones:getAvailabilityZones", {"excludeNames": ["eu-west-1a"]}),
])
def test_invoke_answers_what_the_mocks_answer(provider, token: str, args: dict) -> None:
    response = _invoke(provider, token, args)
    expected, _ = AwsMocks(account_id=ACCOUNT, region=REGION).call(MockCallArgs(token=token, args=args, provider=""))
    assert not response.failures
    assert wire.from_struct(getattr(response, "return")) == {k: v for k, v in expected.items() if v is not None}
    assert ACCOUNT in json.dumps(expected) or REGION in json.dumps(expected)


def test_an_unknown_function_fails_naming_its_token(provider) -> None:
    response = _invoke(provider, "aws:ec2/getInstance:getInstance", {"instanceId": "i-0123456789abcdef0"})
    assert len(response.failures) == 1
    assert "aws:ec2/getInstance:getInstance" in response.failures[0].reason
    assert not response.HasField("return")


def test_plugin_info_is_the_version_the_sdk_asks_for(provider) -> None:
    from google.protobuf import empty_pb2

    sdk = json.loads(resources.files("pulumi_aws").joinpath("pulumi-plugin.json").read_text())
    assert provider.GetPluginInfo(empty_pb2.Empty()).version == sdk["version"]
