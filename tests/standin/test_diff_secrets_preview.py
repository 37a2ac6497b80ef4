"""What the engine plans from the stand-in's Diff, and what secrets and unknowns come back as."""

from __future__ import annotations

from typing import Any

from pulumi.runtime.proto import provider_pb2

from lz.standin import wire

Kind = provider_pb2.PropertyDiff
VPC, SUBNET = "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet"


def _urn(typ: str, name: str) -> str:
    return f"urn:pulumi:dev::landing-zone::{typ}::{name}"


def _create(provider: Any, typ: str, name: str, inputs: dict[str, Any], *, preview: bool = False) -> Any:
    return provider.Create(provider_pb2.CreateRequest(
        urn=_urn(typ, name), name=name, type=typ, properties=wire.to_struct(inputs), preview=preview,
    ))


def _diff(provider: Any, typ: str, name: str, old_inputs: dict[str, Any], news: dict[str, Any]) -> Any:
    created = _create(provider, typ, name, old_inputs)
    return provider.Diff(provider_pb2.DiffRequest(
        id=created.id, urn=_urn(typ, name), name=name, type=typ,
        olds=created.properties, old_inputs=wire.to_struct(old_inputs), news=wire.to_struct(news),
    ))


SUBNET_INPUTS = {"vpcId": "vpc-0123456789abcdef0", "cidrBlock": "10.0.1.0/24", "tags": {"Name": "app-a"}}


def test_identical_inputs_are_no_change(provider: Any) -> None:
    diff = _diff(provider, SUBNET, "same", SUBNET_INPUTS, dict(SUBNET_INPUTS))
    assert diff.changes == provider_pb2.DiffResponse.DIFF_NONE
    assert list(diff.diffs) == [] and list(diff.replaces) == []


def test_a_changed_tag_is_an_in_place_update(provider: Any) -> None:
    diff = _diff(provider, SUBNET, "retagged", SUBNET_INPUTS, {**SUBNET_INPUTS, "tags": {"Name": "app-b"}})
    assert diff.changes == provider_pb2.DiffResponse.DIFF_SOME
    assert list(diff.diffs) == ["tags"] and list(diff.replaces) == []
    assert diff.hasDetailedDiff and diff.detailedDiff["tags"].kind == Kind.UPDATE


def test_a_changed_subnet_cidr_replaces_the_subnet(provider: Any) -> None:
    diff = _diff(provider, SUBNET, "renumbered", SUBNET_INPUTS, {**SUBNET_INPUTS, "cidrBlock": "10.0.2.0/24"})
    assert diff.changes == provider_pb2.DiffResponse.DIFF_SOME
    assert list(diff.replaces) == ["cidrBlock"]
    assert diff.detailedDiff["cidrBlock"].kind == Kind.UPDATE_REPLACE


def test_added_removed_and_unknown_inputs_are_changes(provider: Any) -> None:
    news = {"vpcId": wire.UNKNOWN, "cidrBlock": "10.0.1.0/24", "mapPublicIpOnLaunch": False}
    diff = _diff(provider, SUBNET, "reshaped", SUBNET_INPUTS, news)
    assert {k: v.kind for k, v in diff.detailedDiff.items()} == {
        "vpcId": Kind.UPDATE_REPLACE, "tags": Kind.DELETE, "mapPublicIpOnLaunch": Kind.ADD,
    }
    assert list(diff.replaces) == ["vpcId"]


def test_making_an_input_secret_without_changing_it_is_no_change(provider: Any) -> None:
    news = {**SUBNET_INPUTS, "tags": wire.secret(SUBNET_INPUTS["tags"])}
    assert _diff(provider, SUBNET, "hidden", SUBNET_INPUTS, news).changes == provider_pb2.DiffResponse.DIFF_NONE


def test_secret_inputs_come_back_secret_and_computed_outputs_plain(provider: Any) -> None:
    inputs = {"cidrBlock": "10.9.0.0/16", "tags": wire.secret({"owner": "platform"})}
    out = wire.from_struct(_create(provider, VPC, "secret-tags", inputs).properties)
    assert out["tags"] == wire.secret({"owner": "platform"})
    assert out["tagsAll"] == wire.secret({"owner": "platform"}), "computed from a secret, under the same name"
    assert out["cidrBlock"] == "10.9.0.0/16" and not wire.has_secret(out["arn"])


def test_functions_called_with_a_secret_answer_secrets(provider: Any) -> None:
    response = provider.Invoke(provider_pb2.InvokeRequest(
        tok="aws:ssm/getParameter:getParameter", args=wire.to_struct({"name": wire.secret("/lz/db/password")}),
    ))
    result = wire.from_struct(getattr(response, "return"))
    assert result["value"] == wire.secret("mock-value-of-lz-db-password")
    assert all(wire.has_secret(v) for v in result.values())


def test_preview_leaves_unknown_only_what_depends_on_unknown_inputs(provider: Any) -> None:
    subnet = _create(provider, SUBNET, "pending", {"vpcId": wire.UNKNOWN, "cidrBlock": "10.0.3.0/24",
                                                  "availabilityZone": "eu-west-1c"}, preview=True)
    out = wire.from_struct(subnet.properties)
    assert subnet.id.startswith("subnet-") and out["arn"].endswith(subnet.id)
    assert out["vpcId"] == wire.UNKNOWN
    assert out["availabilityZoneId"] == "euw1-az3"

    bucket = _create(provider, "aws:s3/bucket:Bucket", "pending", {"bucket": wire.UNKNOWN}, preview=True)
    out = wire.from_struct(bucket.properties)
    assert bucket.id == "", "the bucket's id is its name, which the preview cannot know"
    assert out["bucket"] == out["arn"] == out["bucketDomainName"] == wire.UNKNOWN
    assert out["region"] == "eu-west-1"


def test_update_keeps_computed_outputs_and_follows_new_inputs(provider: Any) -> None:
    old_inputs = {"cidrBlock": "10.8.0.0/16", "tags": {"Name": "a"}, "enableDnsHostnames": True}
    created = _create(provider, VPC, "updated", old_inputs)
    news = {"cidrBlock": "10.8.0.0/16", "tags": {"Name": "b"}}
    response = provider.Update(provider_pb2.UpdateRequest(
        id=created.id, urn=_urn(VPC, "updated"), name="updated", type=VPC,
        olds=created.properties, old_inputs=wire.to_struct(old_inputs), news=wire.to_struct(news),
    ))
    before, after = wire.from_struct(created.properties), wire.from_struct(response.properties)
    assert after["tags"] == after["tagsAll"] == {"Name": "b"}
    assert after["arn"] == before["arn"] and after["defaultSecurityGroupId"] == before["defaultSecurityGroupId"]
    assert after["enableDnsHostnames"] is False, "dropped input: back to AWS's default"


def test_refresh_reads_back_the_recorded_state(provider: Any) -> None:
    inputs = {"cidrBlock": "10.7.0.0/16", "tags": wire.secret({"k": "v"})}
    created = _create(provider, VPC, "refreshed", inputs)
    read = provider.Read(provider_pb2.ReadRequest(
        id=created.id, urn=_urn(VPC, "refreshed"), name="refreshed", type=VPC,
        properties=created.properties, inputs=wire.to_struct(inputs),
    ))
    assert read.id == created.id
    assert wire.from_struct(read.properties) == wire.from_struct(created.properties)
    assert wire.from_struct(read.inputs) == inputs


def test_import_reads_the_state_lz_gives_that_id(provider: Any) -> None:
    read = provider.Read(provider_pb2.ReadRequest(
        id="vpc-0a1b2c3d4e5f60718", urn=_urn(VPC, "adopted"), name="adopted", type=VPC,
    ))
    out = wire.from_struct(read.properties)
    assert read.id == "vpc-0a1b2c3d4e5f60718"
    assert out["arn"] == "arn:aws:ec2:eu-west-1:210987654321:vpc/vpc-0a1b2c3d4e5f60718"
    assert read.HasField("inputs"), "no inputs would tell the engine the provider cannot import"
