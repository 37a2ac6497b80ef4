"""Offline, across stacks and accounts: providers place resources in their account and region, a
StackReference to a stack of the same project reads that stack's evaluated outputs, and the provider
of each resource reaches the policy pack as the engine sends it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pulumi
import pulumi_aws as aws
import pytest
from google.protobuf import json_format

from lz.analyzer import _provider
from lz.aws_mocks import account_id_for, organization_id_for
from lz.graph import UNKNOWN
from lz.mock_engine import MissingStackError, run_function, run_program
from lz.project import ProjectFileError

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = Path(__file__).parent / "programs" / "cross_stack"
WORKLOAD = account_id_for("workload-app")


def _account_resources() -> None:
    member = aws.Provider("member", region="eu-central-1", assume_roles=[
        aws.ProviderAssumeRoleArgs(role_arn="arn:aws:iam::111122223333:role/lz-access", session_name="lz")])
    pinned = aws.Provider("pinned", allowed_account_ids=["444455556666"])
    aws.sqs.Queue("member-queue", opts=pulumi.ResourceOptions(provider=member))
    aws.kms.Key("member-key", opts=pulumi.ResourceOptions(provider=member))
    aws.sqs.Queue("pinned-queue", opts=pulumi.ResourceOptions(provider=pinned))
    aws.sqs.Queue("home-queue")
    pulumi.export("memberCaller", aws.get_caller_identity(opts=pulumi.InvokeOptions(provider=member)).account_id)
    pulumi.export("memberRegion", aws.get_region(opts=pulumi.InvokeOptions(provider=member)).region)
    pulumi.export("homeCaller", aws.get_caller_identity().account_id)


def test_each_provider_places_its_resources_and_calls_in_its_account_and_region() -> None:
    g = run_function(_account_resources, config={"aws:region": "eu-west-1"}, account_id="123456789012")
    assert g.get("member-queue").outputs["arn"].startswith("arn:aws:sqs:eu-central-1:111122223333:")
    assert g.get("member-queue").outputs["url"].startswith("https://sqs.eu-central-1.amazonaws.com/111122223333/")
    assert re.fullmatch(r"arn:aws:kms:eu-central-1:111122223333:key/[0-9a-f-]{36}", g.get("member-key").outputs["arn"])
    # No region on the provider: the stack's; one allowed account: that account.
    assert g.get("pinned-queue").outputs["arn"].startswith("arn:aws:sqs:eu-west-1:444455556666:")
    assert g.get("home-queue").outputs["arn"].startswith("arn:aws:sqs:eu-west-1:123456789012:")
    assert g.outputs == {"memberCaller": "111122223333", "memberRegion": "eu-central-1", "homeCaller": "123456789012"}


def _organization() -> None:
    org = aws.organizations.Organization("org", feature_set="ALL", enabled_policy_types=["SERVICE_CONTROL_POLICY"])
    unit = aws.organizations.OrganizationalUnit("security", name="Security", parent_id=org.roots[0].id)
    for name in ("audit", "log-archive"):
        aws.organizations.Account(name, name=name, email=f"{name}@example.com", parent_id=unit.id)
    aws.organizations.Policy("deny-leave", type="SERVICE_CONTROL_POLICY", content="{}")


def test_organizations_answers_are_account_ids_derived_from_names_under_the_management_account() -> None:
    g = run_function(_organization, account_id="123456789012")
    audit, archive = g.get("audit"), g.get("log-archive")
    assert re.fullmatch(r"[1-9]\d{11}", audit.id or "") and re.fullmatch(r"[1-9]\d{11}", archive.id or "")
    assert audit.id == account_id_for("audit") != archive.id
    assert run_function(_organization, account_id="123456789012").get("audit").id == audit.id  # deterministic
    org_id = organization_id_for("123456789012")
    assert re.fullmatch(r"o-[0-9a-z]{10}", org_id) and g.get("org").id == org_id
    assert audit.outputs["arn"] == f"arn:aws:organizations::123456789012:account/{org_id}/{audit.id}"
    org = g.get("org").outputs
    assert org["masterAccountId"] == "123456789012"
    assert re.fullmatch(r"r-[0-9a-z]{4}", org["roots"][0]["id"])
    assert org["roots"][0]["policyTypes"] == [{"type": "SERVICE_CONTROL_POLICY", "status": "ENABLED"}]
    unit = g.get("security")
    assert re.fullmatch(r"ou-[0-9a-z]{4}-[0-9a-z]{8}", unit.id or "")
    assert unit.outputs["arn"] == f"arn:aws:organizations::123456789012:ou/{org_id}/{unit.id}"
    assert audit.inputs["parentId"] == unit.id
    policy = g.get("deny-leave")
    assert policy.outputs["arn"] == (f"arn:aws:organizations::123456789012:policy/{org_id}/"
                                     f"service_control_policy/{policy.id}")


def test_analyzers_get_each_resource_provider_with_its_inputs_as_the_engine_sends_it() -> None:
    g = run_function(_account_resources, config={"aws:region": "eu-west-1"})
    explicit = _provider(g.get("member-queue"))
    assert explicit is not None and explicit.type == "pulumi:providers:aws" and explicit.name == "member"
    assert explicit.urn == "urn:pulumi:test::fixtures::pulumi:providers:aws::member"
    props = json_format.MessageToDict(explicit.properties)
    assert props["region"] == "eu-central-1"
    assert json.loads(props["assumeRoles"])[0]["roleArn"] == "arn:aws:iam::111122223333:role/lz-access"
    # The default provider, as the engine makes it: named after the SDK's version, inputs from aws:* config.
    default = _provider(g.get("home-queue"))
    assert default is not None and re.fullmatch(r"default_\d+_\d+_\d+", default.name)
    assert default.urn == f"urn:pulumi:test::fixtures::pulumi:providers:aws::{default.name}"
    assert json_format.MessageToDict(default.properties) == {
        "region": "eu-west-1", "version": default.name.removeprefix("default_").replace("_", ".")}


def test_a_stack_reference_to_a_stack_of_the_project_reads_its_evaluated_outputs() -> None:
    org = run_program(PROGRAM, "org")
    app = run_program(PROGRAM, "app")
    assert app.outputs["organizationId"] == org.outputs["organizationId"] == organization_id_for("123456789012")
    # Deployed through the account's role: the workload's queue is in the workload account and region.
    assert app.outputs["queueArn"].startswith(f"arn:aws:sqs:eu-central-1:{WORKLOAD}:jobs-")
    # The probe run that discovered the reference left nothing behind.
    assert sorted(r.name for r in app.resources) == ["account", "jobs"]


def test_given_outputs_answer_the_reference_without_evaluating_the_stack() -> None:
    given = {"org": {"organizationId": "o-given00000", "accounts": {"workload-app": {
        "id": "999988887777", "roleArn": "arn:aws:iam::999988887777:role/x"}}}}
    app = run_program(PROGRAM, "app", stack_outputs=given)
    assert app.outputs["organizationId"] == "o-given00000"
    assert app.outputs["queueArn"].startswith("arn:aws:sqs:eu-central-1:999988887777:")


def test_records_are_streamed_once_per_final_run() -> None:
    seen: list[str] = []
    app = run_program(PROGRAM, "app", on_register=lambda r: seen.append(r.urn))
    assert sorted(seen) == sorted(r.urn for r in app.resources)


def test_a_referenced_stack_that_does_not_exist_is_an_error_naming_the_stack_file() -> None:
    with pytest.raises(MissingStackError) as err:
        run_program(PROGRAM, "lost")
    text = str(err.value)
    assert str(PROGRAM / "Pulumi.lost.yaml") in text and "'nowhere'" in text and "no Pulumi.nowhere.yaml" in text
    assert isinstance(err.value, ProjectFileError)


def test_stacks_that_read_each_other_are_a_cycle_error() -> None:
    with pytest.raises(ProjectFileError, match=r"Pulumi\.loop\.yaml: stacks read each other's outputs in a cycle: "
                                               r"loop -> loop"):
        run_program(PROGRAM, "loop")


def test_another_projects_stack_stays_unknown() -> None:
    def declare() -> None:
        ref = pulumi.StackReference("acme/network/prod")
        pulumi.export("vpc", ref.get_output("vpcId"))

    g = run_function(declare)
    assert g.outputs == {"vpc": UNKNOWN}


def _lz(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lz", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_cli_preview_of_a_reading_stack_and_its_missing_stack_exit_code() -> None:
    done = _lz("preview", "app", "-p", str(PROGRAM), "--json")
    assert done.returncode == 0, done.stderr
    assert {r["name"] for r in json.loads(done.stdout)["resources"]} == {"account", "jobs"}
    lost = _lz("preview", "lost", "-p", str(PROGRAM))
    assert lost.returncode == 2
    assert "Pulumi.lost.yaml" in lost.stderr and "'nowhere'" in lost.stderr and "Traceback" not in lost.stderr
    assert "never awaited" not in lost.stderr
