"""The isolation Lambda against moto: what an operator would see in EC2 and on the alerts topic.

The handler is loaded by path from the Lambda package (components/isolation/assets/isolate), exactly
the file the function runs. Everything runs in-process under `mock_aws`: fake credentials, no endpoint.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

ROOT = Path(__file__).resolve().parents[2]
HANDLER = ROOT / "components" / "isolation" / "assets" / "isolate" / "handler.py"
REGION, ACCOUNT = "eu-west-1", "123456789012"
FUNCTION_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:lz-dev-isolation"
FINDING_ID = "62c8f1a8e5b44bd1b3a2a6f4c2bbd7a1"
FINDING_TYPE = "Backdoor:EC2/C&CActivity.B!DNS"
#: One botocore session for every test: mock_aws starts each test without a default session, and a new
#: one parses the EC2 service model (megabytes of JSON) again. Its loader caches the models; the
#: clients, and moto's backends behind them, are still new in every test.
BOTOCORE = botocore.session.get_session()


def load_handler() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lz_isolate_handler", HANDLER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


handler_module = load_handler()


@dataclass(frozen=True)
class Context:
    invoked_function_arn: str = FUNCTION_ARN
    function_name: str = "lz-dev-isolation"


def finding_event(instance_id: str, vpc_id: str, subnet_id: str, groups: list[dict[str, str]],
                  severity: float = 8, finding_id: str = FINDING_ID) -> dict[str, Any]:
    """A `Backdoor:EC2/C&CActivity.B!DNS` finding as EventBridge delivers it (GuardDuty finding format 2.0)."""
    return {
        "version": "0",
        "id": "7bf73129-1428-4cd3-a780-95db273d1602",
        "detail-type": "GuardDuty Finding",
        "source": "aws.guardduty",
        "account": ACCOUNT,
        "time": "2024-05-02T09:41:06Z",
        "region": REGION,
        "resources": [],
        "detail": {
            "schemaVersion": "2.0",
            "accountId": ACCOUNT,
            "region": REGION,
            "partition": "aws",
            "id": finding_id,
            "arn": f"arn:aws:guardduty:{REGION}:{ACCOUNT}:detector/2ec4d1b3e8e3a9c2f1d7b6a5c4e3f2a1/"
                   f"finding/{finding_id}",
            "type": FINDING_TYPE,
            "resource": {
                "resourceType": "Instance",
                "instanceDetails": {
                    "instanceId": instance_id,
                    "instanceType": "t3.micro",
                    "launchTime": "2024-05-01T08:12:44.000Z",
                    "platform": None,
                    "productCodes": [],
                    "iamInstanceProfile": {"arn": f"arn:aws:iam::{ACCOUNT}:instance-profile/lz-dev-ssm",
                                           "id": "AIPAEXAMPLEPROFILEID1"},
                    "networkInterfaces": [{
                        "ipv6Addresses": [],
                        "networkInterfaceId": "eni-0c2f8a4e1b2d3c4e5",
                        "privateDnsName": f"ip-10-0-1-25.{REGION}.compute.internal",
                        "privateIpAddress": "10.0.1.25",
                        "privateIpAddresses": [{"privateDnsName": f"ip-10-0-1-25.{REGION}.compute.internal",
                                                "privateIpAddress": "10.0.1.25"}],
                        "subnetId": subnet_id,
                        "vpcId": vpc_id,
                        "securityGroups": groups,
                    }],
                    "outpostArn": None,
                    "tags": [{"key": "Name", "value": "web-1"}],
                    "instanceState": "running",
                    "availabilityZone": f"{REGION}a",
                    "imageId": "ami-0a1b2c3d4e5f67890",
                    "imageDescription": "Amazon Linux 2023 AMI",
                },
            },
            "service": {
                "serviceName": "guardduty",
                "detectorId": "2ec4d1b3e8e3a9c2f1d7b6a5c4e3f2a1",
                "action": {
                    "actionType": "DNS_REQUEST",
                    "dnsRequestAction": {"domain": "guarddutyc2activityb.com", "protocol": "UDP",
                                         "blocked": False},
                },
                "resourceRole": "ACTOR",
                "additionalInfo": {"threatListName": "ProofPoint", "type": "default", "value": "{}"},
                "eventFirstSeen": "2024-05-02T09:20:31.000Z",
                "eventLastSeen": "2024-05-02T09:35:11.000Z",
                "archived": False,
                "count": 4,
            },
            "severity": severity,
            "createdAt": "2024-05-02T09:36:58.921Z",
            "updatedAt": "2024-05-02T09:36:58.921Z",
            "title": "Command and Control server domain name queried by EC2 instance "
                     f"{instance_id}.",
            "description": f"EC2 instance {instance_id} is querying a domain name associated with a known "
                           "Command & Control server.",
        },
    }


@dataclass
class World:
    ec2: Any
    sns: Any
    sqs: Any
    queue_url: str
    topic_arn: str
    vpc_id: str
    subnet_id: str
    instance_id: str
    primary_eni: str
    extra_eni: str
    web_sg: str
    app_sg: str
    quarantine_sg: str
    volumes: list[str]

    def event(self, **kwargs: Any) -> dict[str, Any]:
        groups = [{"groupName": "lz-dev-web", "groupId": self.web_sg},
                  {"groupName": "lz-dev-app", "groupId": self.app_sg}]
        return finding_event(self.instance_id, self.vpc_id, self.subnet_id, groups, **kwargs)

    def groups_by_eni(self) -> dict[str, list[str]]:
        instance = self.instance()
        return {n["NetworkInterfaceId"]: sorted(g["GroupId"] for g in n["Groups"])
                for n in instance["NetworkInterfaces"]}

    def instance(self) -> dict[str, Any]:
        found: dict[str, Any] = self.ec2.describe_instances(
            InstanceIds=[self.instance_id])["Reservations"][0]["Instances"][0]
        return found

    def tags(self) -> dict[str, str]:
        return {t["Key"]: t["Value"] for t in self.instance().get("Tags", [])}

    def snapshots(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]
        return [s for s in found if s["VolumeId"] in self.volumes]

    def messages(self) -> list[dict[str, Any]]:
        out = []
        while True:
            got = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10).get("Messages", [])
            if not got:
                return out
            for message in got:
                envelope = json.loads(message["Body"])
                out.append({"subject": envelope.get("Subject"), "body": json.loads(envelope["Message"])})
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for key in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    # Not moto's thousands of built-in images, parsed into every new EC2 backend: the world registers
    # the one image its instance runs.
    monkeypatch.setenv("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")
    with mock_aws():
        boto3.setup_default_session(botocore_session=BOTOCORE)
        yield


@pytest.fixture
def world(aws: None, monkeypatch: pytest.MonkeyPatch) -> World:
    ec2, sns, sqs = boto3.client("ec2"), boto3.client("sns"), boto3.client("sqs")
    image = ec2.register_image(Name="lz-test-al2023", RootDeviceName="/dev/xvda", Architecture="x86_64",
                               VirtualizationType="hvm")["ImageId"]
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone=f"{REGION}a")["Subnet"]["SubnetId"]
    web = ec2.create_security_group(GroupName="lz-dev-web", Description="web tier", VpcId=vpc)["GroupId"]
    app = ec2.create_security_group(GroupName="lz-dev-app", Description="app tier", VpcId=vpc)["GroupId"]
    quarantine = ec2.create_security_group(
        GroupName="lz-dev-web-quarantine", Description="quarantine", VpcId=vpc,
        TagSpecifications=[{"ResourceType": "security-group",
                            "Tags": [{"Key": "purpose", "Value": "quarantine"}]}])["GroupId"]
    # Another island's quarantine group: the function must pick the one in the instance's VPC.
    other_vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    ec2.create_security_group(
        GroupName="lz-dev-data-quarantine", Description="quarantine", VpcId=other_vpc,
        TagSpecifications=[{"ResourceType": "security-group", "Tags": [{"Key": "purpose", "Value": "quarantine"}]}])
    # Groups on the interface, not SecurityGroupIds: moto reports an attached ENI's groups as the union of
    # its own and the instance's launch groups, which would hide the swap (AWS keeps them per interface).
    instance = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro",
                                 NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet, "Groups": [web, app]}],
                                 )["Instances"][0]
    instance_id = instance["InstanceId"]
    extra_eni = ec2.create_network_interface(SubnetId=subnet, Groups=[app])["NetworkInterface"]["NetworkInterfaceId"]
    ec2.attach_network_interface(NetworkInterfaceId=extra_eni, InstanceId=instance_id, DeviceIndex=1)
    data = ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=20)["VolumeId"]
    ec2.attach_volume(VolumeId=data, InstanceId=instance_id, Device="/dev/sdf")
    topic = sns.create_topic(Name="lz-dev-alerts")["TopicArn"]
    queue_url = sqs.create_queue(QueueName="alerts-reader")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    monkeypatch.setenv("ALERTS_TOPIC_ARN", topic)
    monkeypatch.setenv("MIN_SEVERITY", "7.0")
    monkeypatch.setenv("SNAPSHOT_VOLUMES", "true")
    monkeypatch.setenv("VPC_IDS", json.dumps([vpc, other_vpc]))
    described = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
    primary = next(n["NetworkInterfaceId"] for n in described["NetworkInterfaces"]
                   if n["Attachment"]["DeviceIndex"] == 0)
    volumes = [m["Ebs"]["VolumeId"] for m in described["BlockDeviceMappings"]]
    assert len(volumes) == 2 and data in volumes
    return World(ec2, sns, sqs, queue_url, topic, vpc, subnet, instance_id, primary, extra_eni, web, app,
                 quarantine, volumes)


def invoke(event: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = handler_module.handler(event, Context())
    return result


# -- isolation ------------------------------------------------------------------------------------

def test_every_network_interface_ends_up_in_the_quarantine_group_only(world: World) -> None:
    assert world.groups_by_eni() == {world.primary_eni: sorted([world.web_sg, world.app_sg]),
                                     world.extra_eni: [world.app_sg]}
    result = invoke(world.event())
    assert result["status"] == "isolated"
    assert world.groups_by_eni() == {world.primary_eni: [world.quarantine_sg], world.extra_eni: [world.quarantine_sg]}
    assert result["quarantineSecurityGroupId"] == world.quarantine_sg
    assert {e["id"]: (sorted(e["previousSecurityGroups"]), e["changed"]) for e in result["networkInterfaces"]} == {
        world.primary_eni: (sorted([world.web_sg, world.app_sg]), True), world.extra_eni: ([world.app_sg], True)}


def test_instance_is_tagged_with_the_finding_and_its_previous_groups(world: World) -> None:
    invoke(world.event())
    tags = world.tags()
    assert tags["lz:isolated"] == "true"
    assert tags["lz:finding-id"] == FINDING_ID
    assert tags["lz:finding-type"] == FINDING_TYPE
    assert tags["lz:isolated-at"].endswith("Z") and tags["lz:isolated-at"][:2] == "20"
    previous = dict(part.split(":") for part in tags["lz:previous-security-groups"].split(";"))
    assert {eni: sorted(groups.split(",")) for eni, groups in previous.items()} == {
        world.primary_eni: sorted([world.web_sg, world.app_sg]), world.extra_eni: [world.app_sg]}


def test_previous_groups_tag_is_truncated_to_the_tag_limit(world: World) -> None:
    for index in range(2, 8):  # many interfaces with several groups: far over 256 characters
        groups = [world.ec2.create_security_group(GroupName=f"g{index}-{n}", Description="x",
                                                  VpcId=world.vpc_id)["GroupId"] for n in range(3)]
        eni = world.ec2.create_network_interface(SubnetId=world.subnet_id, Groups=groups)["NetworkInterface"]
        world.ec2.attach_network_interface(NetworkInterfaceId=eni["NetworkInterfaceId"],
                                           InstanceId=world.instance_id, DeviceIndex=index)
    invoke(world.event())
    value = world.tags()["lz:previous-security-groups"]
    assert len(value) == 256 and value.endswith("...")
    assert all(groups == [world.quarantine_sg] for groups in world.groups_by_eni().values())


def test_every_attached_volume_gets_one_snapshot_tagged_with_the_finding(world: World) -> None:
    result = invoke(world.event())
    snapshots = world.snapshots()
    assert sorted(s["VolumeId"] for s in snapshots) == sorted(world.volumes)
    for snapshot in snapshots:
        tags = {t["Key"]: t["Value"] for t in snapshot["Tags"]}
        assert tags["lz:finding-id"] == FINDING_ID
        assert tags["lz:finding-type"] == FINDING_TYPE
        assert tags["lz:instance-id"] == world.instance_id
        assert FINDING_ID in snapshot["Description"]
    assert sorted((s["volumeId"], s["snapshotId"], s["created"]) for s in result["snapshots"]) == sorted(
        (s["VolumeId"], s["SnapshotId"], True) for s in snapshots)


def test_one_message_on_the_alerts_topic_says_what_was_done(world: World) -> None:
    invoke(world.event())
    (message,) = world.messages()
    assert message["subject"] == f"[lz] Isolated {world.instance_id} ({FINDING_TYPE}, severity 8)"
    body = message["body"]
    assert body["status"] == "isolated"
    assert (body["findingId"], body["findingType"], body["severity"]) == (FINDING_ID, FINDING_TYPE, 8)
    assert (body["instanceId"], body["vpcId"]) == (world.instance_id, world.vpc_id)
    assert body["quarantineSecurityGroupId"] == world.quarantine_sg
    assert {e["id"] for e in body["networkInterfaces"]} == {world.primary_eni, world.extra_eni}
    assert sorted(s["volumeId"] for s in body["snapshots"]) == sorted(world.volumes)


def test_a_second_identical_event_changes_nothing_and_stays_quiet(world: World) -> None:
    first = invoke(world.event())
    world.messages()
    tags, groups, snapshots = world.tags(), world.groups_by_eni(), world.snapshots()
    second = invoke(world.event())
    assert second["status"] == "already-isolated"
    assert second["notified"] is False and world.messages() == []
    assert world.snapshots() == snapshots and world.groups_by_eni() == groups and world.tags() == tags
    assert all(not e["changed"] for e in second["networkInterfaces"])
    assert {s["snapshotId"] for s in second["snapshots"]} == {s["snapshotId"] for s in first["snapshots"]}
    assert not any(s["created"] for s in second["snapshots"])


def test_a_new_finding_on_an_isolated_instance_adds_evidence_but_keeps_the_first_record(world: World) -> None:
    invoke(world.event())
    world.messages()
    tags = world.tags()
    result = invoke(world.event(finding_id="9f1e2d3c4b5a69788796a5b4c3d2e1f0"))
    assert result["status"] == "isolated" and result["tagged"] is False
    assert world.tags() == tags  # the original groups stay recorded; the instance keeps its first finding
    assert len(world.snapshots()) == 2 * len(world.volumes)
    assert len(world.messages()) == 1


def test_a_retry_after_a_partial_run_keeps_the_original_groups(world: World) -> None:
    original = world.groups_by_eni()
    denied = Flaky(world.ec2, "modify_network_interface_attribute", failures=1, code="UnauthorizedOperation",
                   after=1)
    isolation = make_isolation(ec2=denied)
    with pytest.raises(ClientError, match="UnauthorizedOperation"):
        isolation.run(world.event())
    assert sorted(world.groups_by_eni().values()) != sorted(original.values())  # one interface was swapped
    (failure,) = world.messages()
    assert failure["body"]["status"] == "failed" and failure["body"]["error"] == "ClientError"
    assert invoke(world.event())["status"] == "isolated"
    previous = dict(p.split(":") for p in world.tags()["lz:previous-security-groups"].split(";"))
    assert {eni: sorted(g.split(",")) for eni, g in previous.items()} == original


def test_snapshots_can_be_turned_off(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SNAPSHOT_VOLUMES", "false")
    result = invoke(world.event())
    assert result["status"] == "isolated" and result["snapshots"] == []
    assert world.snapshots() == []


# -- failures and skips ---------------------------------------------------------------------------

def test_missing_instance_is_a_clear_failure_and_is_notified(world: World) -> None:
    event = world.event()
    event["detail"]["resource"]["instanceDetails"]["instanceId"] = "i-0deadbeefdeadbeef"
    result = invoke(event)
    assert result["status"] == "failed" and result["error"] == "InstanceNotFound"
    assert result["message"].startswith("InstanceNotFound: instance i-0deadbeefdeadbeef does not exist")
    (message,) = world.messages()
    assert message["subject"] == f"[lz] Isolation FAILED for i-0deadbeefdeadbeef ({FINDING_TYPE})"
    assert message["body"]["error"] == "InstanceNotFound"
    assert "i-0deadbeefdeadbeef" in message["body"]["message"]
    assert world.tags().get("lz:isolated") is None


def test_no_quarantine_group_in_the_vpc_fails_without_touching_the_instance(world: World) -> None:
    world.ec2.delete_tags(Resources=[world.quarantine_sg], Tags=[{"Key": "purpose"}])
    before = world.groups_by_eni()
    result = invoke(world.event())
    assert (result["status"], result["error"]) == ("failed", "QuarantineGroupNotFound")
    assert world.vpc_id in result["message"] and "purpose=quarantine" in result["message"]
    assert world.groups_by_eni() == before and world.snapshots() == []
    assert world.messages()[0]["body"]["error"] == "QuarantineGroupNotFound"


def test_an_instance_outside_the_landing_zone_vpcs_is_left_alone(world: World,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VPC_IDS", json.dumps(["vpc-0123456789abcdef0"]))
    before = world.groups_by_eni()
    result = invoke(world.event())
    assert (result["status"], result["error"]) == ("failed", "OutsideLandingZone")
    assert world.groups_by_eni() == before


def test_findings_below_the_threshold_are_skipped(world: World) -> None:
    result = invoke(world.event(severity=5.0))
    assert result["status"] == "skipped"
    assert result["reason"] == "severity 5 is below MIN_SEVERITY 7"
    assert world.tags().get("lz:isolated") is None and world.snapshots() == [] and world.messages() == []


def test_findings_about_other_resources_are_skipped(world: World) -> None:
    event = world.event()
    event["detail"]["type"] = "Policy:S3/BucketBlockPublicAccessDisabled"
    event["detail"]["resource"] = {"resourceType": "S3Bucket", "accessKeyDetails": {},
                                   "s3BucketDetails": [{"name": "some-bucket", "type": "Destination"}]}
    result = invoke(event)
    assert result["status"] == "skipped" and "S3Bucket" in result["reason"]
    assert world.messages() == []


def test_another_accounts_finding_is_skipped(world: World) -> None:
    event = world.event()
    event["detail"]["accountId"] = "210987654321"
    result = invoke(event)
    assert result["status"] == "skipped" and "210987654321" in result["reason"]
    assert world.tags().get("lz:isolated") is None


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda e: e["detail"]["resource"]["instanceDetails"].pop("instanceId"),
     "the event has no detail.resource.instanceDetails.instanceId"),
    (lambda e: e["detail"]["resource"].pop("instanceDetails"),
     "the event has no detail.resource.instanceDetails"),
    (lambda e: e["detail"].pop("id"), "the event has no detail.id"),
    (lambda e: e["detail"].pop("severity"), "the event has no detail.severity"),
    (lambda e: e.pop("detail"), "the event has no detail"),
    (lambda e: e.update(source="aws.securityhub"), "not aws.guardduty"),
    (lambda e: e["detail"].update(severity="HIGH"), "detail.severity is 'HIGH', not a number"),
])
def test_a_malformed_event_names_what_is_missing(world: World, mutate: Any, message: str) -> None:
    event = copy.deepcopy(world.event())
    mutate(event)
    with pytest.raises(handler_module.InvalidFinding, match=message.replace("(", r"\(").replace(")", r"\)")):
        invoke(event)
    assert world.messages() == [] and world.tags().get("lz:isolated") is None


def test_without_a_topic_the_function_refuses_to_run(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALERTS_TOPIC_ARN")
    with pytest.raises(RuntimeError, match="ALERTS_TOPIC_ARN is not set"):
        invoke(world.event())


# -- throttling -----------------------------------------------------------------------------------

class Flaky:
    """A client whose `method` raises `code` `failures` times (after `after` successful calls)."""

    def __init__(self, client: Any, method: str, *, failures: int, code: str = "RequestLimitExceeded",
                 after: int = 0) -> None:
        self.client, self.method, self.failures, self.code, self.after = client, method, failures, code, after
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        real = getattr(self.client, name)
        if name != self.method:
            return real

        def flaky(**kwargs: Any) -> Any:
            self.calls += 1
            if self.calls > self.after and self.failures > 0:
                self.failures -= 1
                raise ClientError({"Error": {"Code": self.code, "Message": "Request limit exceeded."}},
                                  "ModifyNetworkInterfaceAttribute")
            return real(**kwargs)

        return flaky


def make_isolation(*, ec2: Any, sleeps: list[float] | None = None, attempts: int = 5) -> Any:
    settings = handler_module.Settings.from_env(
        {"ALERTS_TOPIC_ARN": boto3.client("sns").list_topics()["Topics"][0]["TopicArn"], "MIN_SEVERITY": "7"},
        ACCOUNT)
    recorder = sleeps if sleeps is not None else []
    return handler_module.Isolation(ec2=ec2, sns=boto3.client("sns"), settings=settings, sleep=recorder.append,
                                    attempts=attempts)


def test_throttled_calls_are_retried_with_backoff(world: World) -> None:
    sleeps: list[float] = []
    flaky = Flaky(world.ec2, "modify_network_interface_attribute", failures=2)
    result = make_isolation(ec2=flaky, sleeps=sleeps).run(world.event())
    assert result["status"] == "isolated"
    assert sleeps == [0.5, 1.0]
    assert flaky.calls == 4  # two throttled, then one per interface
    assert all(groups == [world.quarantine_sg] for groups in world.groups_by_eni().values())


def test_throttling_backoff_is_bounded_then_the_error_is_raised_and_notified(world: World) -> None:
    sleeps: list[float] = []
    flaky = Flaky(world.ec2, "create_snapshot", failures=100, code="Throttling")
    with pytest.raises(ClientError, match="Throttling"):
        make_isolation(ec2=flaky, sleeps=sleeps, attempts=7).run(world.event())
    assert sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    (failure,) = world.messages()
    assert failure["body"]["status"] == "failed"
    assert "dead-letter queue" in failure["body"]["retry"]


def test_other_client_errors_are_not_retried(world: World) -> None:
    sleeps: list[float] = []
    flaky = Flaky(world.ec2, "describe_security_groups", failures=1, code="UnauthorizedOperation")
    with pytest.raises(ClientError, match="UnauthorizedOperation"):
        make_isolation(ec2=flaky, sleeps=sleeps).run(world.event())
    assert sleeps == [] and flaky.calls == 1


def test_the_clients_use_botocore_retries_too() -> None:
    assert handler_module.CLIENT_CONFIG.retries == {"mode": "standard", "total_max_attempts": 5}
