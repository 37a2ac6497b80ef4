"""dev and prod in organization mode (tests/stacks/Pulumi.{dev,prod}-org.yaml): the environment reads
the org stack (Pulumi.org.yaml, evaluated first under the mocks), deploys into its account through the
account's role, sends its logs to the organization's archive and leaves the trail and the delegated
services to the organization. Single-account dev and prod are pinned by tests/components/urns."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from google.protobuf import json_format

from lz.gate import run_gate
from lz.graph import ResourceGraph
from lz.mock_engine import MissingStackError, ProgramConfigError, run_program

ROOT = Path(__file__).resolve().parents[2]
STACKS = ROOT / "tests" / "stacks"
BPA_EXCLUSION = "aws:ec2/vpcBlockPublicAccessExclusion:VpcBlockPublicAccessExclusion"


@pytest.fixture(scope="module")
def org() -> ResourceGraph:
    return run_program(STACKS, "org")


@pytest.fixture(scope="module")
def dev_org() -> ResourceGraph:
    return run_program(STACKS, "dev-org")


@pytest.fixture(scope="module")
def dev() -> ResourceGraph:
    return run_program(ROOT, "dev")


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_the_org_variants_are_the_shipped_stacks_plus_the_membership(stack: str) -> None:
    shipped = yaml.safe_load((ROOT / f"Pulumi.{stack}.yaml").read_text())["config"]
    variant = yaml.safe_load((STACKS / f"Pulumi.{stack}-org.yaml").read_text())["config"]
    assert variant.pop("landing-zone:organization") == {"stack": "org"}
    assert variant == shipped


def _account(org: ResourceGraph, name: str) -> dict[str, Any]:
    account: dict[str, Any] = org.outputs["accounts"][name]
    return account


def test_every_resource_deploys_into_the_workload_account_through_its_role(org: ResourceGraph,
                                                                          dev_org: ResourceGraph) -> None:
    account = _account(org, "workload-dev")
    [provider] = [r for r in dev_org.resources if r.type == "pulumi:providers:aws" and r.name == "dev-account"]
    assert provider.parent and provider.parent.endswith("::lz-dev")
    assert json.loads(provider.inputs["assumeRoles"])[0]["roleArn"] == account["roleArn"]
    assert json.loads(provider.inputs["allowedAccountIds"]) == [account["id"]]
    aws_resources = [r for r in dev_org.resources if r.custom and r.type.startswith("aws:")]
    assert len(aws_resources) > 250
    # All through it, but the regional baseline of the other governed region (its own provider, same account).
    off = [r.name for r in aws_resources if r.provider_resource is None or r.provider_resource[0] != provider.urn]
    assert off and all(name.startswith("dev-regions-eu-central-1-") for name in off)
    # ARNs the mocks give, and the documents the components write, are in the workload account.
    key = next(r for r in dev_org.resources if r.type == "aws:kms/key:Key")
    assert f":{account['id']}:key/" in key.outputs["arn"]
    assert org.outputs["managementAccountId"] not in json.dumps([r.inputs for r in aws_resources
                                                                 if r.type == "aws:kms/key:Key"])


def test_what_the_organization_owns_is_not_created_again(dev_org: ResourceGraph, dev: ResourceGraph) -> None:
    owned = ("aws:cloudtrail/trail:Trail", "aws:guardduty/detector:Detector", "aws:securityhub/account:Account",
             "aws:securityhub/standardsSubscription:StandardsSubscription")
    assert {r.type for r in dev.resources} >= set(owned[:3])
    assert not [r.name for r in dev_org.resources if r.type in owned]
    # The CIS 4.x filters sit on the organization trail's log group (management account), not here.
    def cis(graph: ResourceGraph) -> list[str]:
        return [r.name for r in graph.resources if r.type.startswith("aws:cloudwatch/") and "-cis-" in r.name]

    assert len(cis(dev)) == 30 and cis(dev_org) == []


def test_config_and_log_exports_deliver_to_the_organizations_archive(org: ResourceGraph,
                                                                     dev_org: ResourceGraph) -> None:
    channels = [r for r in dev_org.resources if r.type == "aws:cfg/deliveryChannel:DeliveryChannel"]
    assert len(channels) == 2  # one per governed region
    for channel in channels:
        assert channel.inputs["s3BucketName"] == org.outputs["logArchiveBucketName"]
        assert channel.inputs["s3KmsKeyArn"] == org.outputs["logsKeyArn"]
    streams = [r for r in dev_org.resources if r.type == "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"]
    assert streams
    for stream in streams:
        s3 = stream.inputs["extendedS3Configuration"]
        assert s3["bucketArn"] == org.outputs["logArchiveBucketArn"] and s3["kmsKeyArn"] == org.outputs["logsKeyArn"]


def test_a_member_keeps_only_the_log_buckets_that_must_be_in_its_account(org: ResourceGraph,
                                                                        dev_org: ResourceGraph) -> None:
    buckets = sorted(r.inputs["bucket"] for r in dev_org.resources if r.type == "aws:s3/bucket:Bucket")
    assert [b for b in buckets if "-log-archive-" in b] == []
    assert any("-access-logs-" in b for b in buckets) and any("-elb-logs-" in b for b in buckets)
    # The access-log bucket takes the ELB log bucket's server access logs, and no archive's.
    [policy] = [r for r in dev_org.resources if r.name == "dev-audit-log-archive-access-logs-policy"]
    assert "-elb-logs-" in policy.inputs["policy"] and "-log-archive-" not in policy.inputs["policy"]
    # Nothing in the stack names a bucket of the environment's own archive.
    assert "lz-dev-log-archive-" not in json.dumps([r.inputs for r in dev_org.resources])


def test_the_other_governed_regions_get_the_regional_baseline_in_the_account(org: ResourceGraph,
                                                                              dev_org: ResourceGraph) -> None:
    account = _account(org, "workload-dev")
    assert org.outputs["governedRegions"] == ["eu-west-1", "eu-central-1"]
    by_urn = {r.urn: r for r in dev_org.resources}
    recorders = [r for r in dev_org.resources if r.type == "aws:cfg/recorder:Recorder"]
    placed = {}
    for recorder in recorders:
        assert recorder.provider_resource is not None
        provider = by_urn[recorder.provider_resource[0]]
        assert json.loads(provider.inputs["allowedAccountIds"]) == [account["id"]]
        placed[provider.inputs["region"]] = recorder.inputs["recordingGroup"]
    assert placed == {r: {"allSupported": True, "includeGlobalResourceTypes": True}
                      for r in ("eu-west-1", "eu-central-1")}
    encryption = [r for r in dev_org.resources if r.type == "aws:ebs/encryptionByDefault:EncryptionByDefault"]
    assert {by_urn[r.provider_resource[0]].inputs["region"] for r in encryption if r.provider_resource} == {
        "eu-west-1", "eu-central-1"}


def _kinds(graph: ResourceGraph) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for r in graph.resources:
        out[(r.type, r.name)] = out.get((r.type, r.name), 0) + 1
    return out


def test_dev_in_organization_mode_differs_from_dev_by_exactly_the_explained_resources(
        dev_org: ResourceGraph, dev: ResourceGraph) -> None:
    single, member = _kinds(dev), _kinds(dev_org)
    removed = {k for k in single if k not in member}
    added = {k for k in member if k not in single}
    # Added: the provider into the account, the member audit in place of AuditBaseline, and the baseline
    # of the organization's other governed region (eu-central-1; dev runs in eu-west-1).
    assert added == {("pulumi:providers:aws", "dev-account"), ("lz:audit:MemberAudit", "dev-audit"),
                     ("lz:audit:GovernedRegions", "dev-regions"), ("pulumi:providers:aws", "dev-regions-eu-central-1"),
                     ("aws:cfg/recorder:Recorder", "dev-regions-eu-central-1-config-recorder"),
                     ("aws:cfg/deliveryChannel:DeliveryChannel", "dev-regions-eu-central-1-config-delivery"),
                     ("aws:cfg/recorderStatus:RecorderStatus", "dev-regions-eu-central-1-config-recording"),
                     ("aws:ebs/encryptionByDefault:EncryptionByDefault", "dev-regions-eu-central-1-ebs-encryption"),
                     # the organization turns VPC Block Public Access on: the edge's public subnets are excluded
                     ("lz:network:PublicAccessExclusions", "dev-bpa-exclusions"),
                     *((BPA_EXCLUSION, f"dev-bpa-exclusions-edge-public-az{i}") for i in range(2))}
    explained = {
        ("lz:audit:AuditBaseline", "dev-audit"),  # replaced by MemberAudit (same children but the below)
    }
    for kind, name in removed - explained:
        assert (kind.startswith(("aws:cloudtrail/", "aws:guardduty/", "aws:securityhub/"))
                or "-cloudtrail" in name or "-threat-detection" in name  # the trail, its role and log group
                or "-cis-" in name  # CIS 4.x metric filters and alarms on the trail's log group
                or name.endswith("-export-trail") or "-trail-" in name
                # the environment's own archive bucket: its deliveries go to the organization's archive
                or name.startswith("dev-audit-log-archive-archive")), (kind, name)
    assert removed - explained, "nothing was left to the organization"
    archive = sorted(n for _, n in removed if n.startswith("dev-audit-log-archive-archive"))
    assert archive[0] == "dev-audit-log-archive-archive" and len(archive) == 9
    assert (len(single), len(member)) == (393, 349)
    # Everything else is the same resource under the same name.
    assert {k: n for k, n in single.items() if k not in removed} == {k: n for k, n in member.items() if k not in added}


def test_members_exclude_their_public_subnets_from_vpc_block_public_access(dev_org: ResourceGraph) -> None:
    """The org's EC2 policy blocks ingress from internet gateways: the edge's subnets (public ALB) are excluded."""
    exclusions = [r for r in dev_org.resources if r.type == BPA_EXCLUSION]
    subnets = {r.id: r for r in dev_org.resources if r.type == "aws:ec2/subnet:Subnet"}
    excluded = sorted(subnets[e.inputs["subnetId"]].name for e in exclusions)
    assert excluded == ["dev-edge-public-az0", "dev-edge-public-az1"]
    assert {e.inputs["internetGatewayExclusionMode"] for e in exclusions} == {"allow-bidirectional"}


@pytest.mark.parametrize("stack", ["dev-org", "prod-org"])
def test_dev_and_prod_in_organization_mode_pass_the_member_pack(stack: str) -> None:
    result = run_gate(STACKS, stack, pack_name="aws-organization-member")
    assert [f"{f.policy}: {f.resource_name}: {f.message}" for f in result.mandatory] == []
    assert result.exit_code == 0 and result.resource_count > 300


def test_the_org_stack_passes_the_organization_pack() -> None:
    result = run_gate(STACKS, "org", pack_name="aws-organization")
    assert [f"{f.policy}: {f.resource_name}: {f.message}" for f in result.mandatory] == []
    assert not [f for f in result.findings if f.policy.startswith("org_")]


@pytest.fixture
def variant(tmp_path: Path) -> Callable[[Callable[[dict[str, Any]], None]], Path]:
    """A copy of tests/stacks whose dev-org stack file is changed by `edit`."""

    def make(edit: Callable[[dict[str, Any]], None]) -> Path:
        for item in ("Pulumi.yaml", "__main__.py", "Pulumi.org.yaml"):
            shutil.copy(STACKS / item, tmp_path / item)
        (tmp_path / "components").symlink_to(ROOT / "components")
        doc = yaml.safe_load((STACKS / "Pulumi.dev-org.yaml").read_text())
        edit(doc["config"])
        (tmp_path / "Pulumi.dev-org.yaml").write_text(yaml.safe_dump(doc))
        return tmp_path

    return make


def test_an_org_stack_that_lacks_the_account_is_an_error_with_its_path_and_nothing_registered(variant: Any) -> None:
    program = variant(lambda c: c["landing-zone:organization"].update(account="workload-qa"))
    with pytest.raises(ProgramConfigError) as err:
        run_program(program, "dev-org")
    assert err.value.registered == 0
    [message] = err.value.errors
    assert message.startswith("organization.account: 'workload-qa' is not an account of org stack 'org' "
                              "(its accounts: audit, log-archive, network, workload-dev, workload-prod)")


def test_an_account_the_org_stack_baselines_is_no_environments_account(variant: Any) -> None:
    program = variant(lambda c: c["landing-zone:organization"].update(account="network"))
    with pytest.raises(ProgramConfigError) as err:
        run_program(program, "dev-org")
    assert err.value.registered == 0
    assert err.value.errors == [
        "organization.account: 'network' gets its regional baseline from org stack 'org' (an account outside the "
        "environments' units); an environment deploys into workload-<environment> or an account in its "
        "environment's unit"]


def test_a_region_the_organization_does_not_govern_is_an_error(variant: Any) -> None:
    program = variant(lambda c: c.update({"aws:region": "us-east-2"}))
    with pytest.raises(ProgramConfigError) as err:
        run_program(program, "dev-org")
    assert err.value.registered == 0
    assert any(e.startswith("organization: the stack's aws:region 'us-east-2' is not governed by org stack 'org'")
               for e in err.value.errors)


def test_a_missing_org_stack_is_an_error_naming_the_stack_file(variant: Any) -> None:
    program = variant(lambda c: c["landing-zone:organization"].update(stack="organisation"))
    with pytest.raises(MissingStackError, match=r"Pulumi\.dev-org\.yaml: the program reads stack 'organisation'"):
        run_program(program, "dev-org")


def test_lz_check_exits_2_naming_the_path(variant: Any) -> None:
    program = variant(lambda c: c["landing-zone:organization"].update(account="workload-qa"))
    done = subprocess.run([sys.executable, "-m", "lz", "check", "dev-org", "-p", str(program)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stdout[-2000:] + done.stderr[-2000:]
    assert "organization.account: 'workload-qa' is not an account of org stack 'org'" in done.stdout + done.stderr


def test_rules_see_the_workload_account_as_the_engine_sends_the_provider(dev_org: ResourceGraph,
                                                                         org: ResourceGraph) -> None:
    from lz.analyzer import _provider

    vpc = next(r for r in dev_org.resources if r.type == "aws:ec2/vpc:Vpc")
    sent = _provider(vpc)
    assert sent is not None and sent.name == "dev-account"
    roles = json.loads(json_format.MessageToDict(sent.properties)["assumeRoles"])
    assert roles[0]["roleArn"] == _account(org, "workload-dev")["roleArn"]


def test_a_stack_that_is_no_org_stack_is_an_error_naming_the_outputs_it_lacks(variant: Any) -> None:
    def edit(config: dict[str, Any]) -> None:
        config["landing-zone:organization"].update(stack="plain")

    program = variant(edit)
    # "plain" is an environment stack: it exports none of what an org stack does.
    (program / "Pulumi.plain.yaml").write_text((ROOT / "Pulumi.dev.yaml").read_text())
    with pytest.raises(ProgramConfigError) as err:
        run_program(program, "dev-org")
    assert err.value.registered == 0
    [message] = err.value.errors
    assert message.startswith("organization.stack: org stack 'plain' exports no organizationId, managementAccountId")
