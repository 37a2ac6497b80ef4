"""An app team's program that looks things up (an AMI, a hosted zone, the default VPC, ECR credentials)
runs under lz's mocks with AWS-shaped answers, the same every run and the same from the stand-in provider."""

from __future__ import annotations

import base64
import json
import re

import pulumi
import pulumi_aws as aws
import pytest
from google.protobuf import json_format
from pulumi.runtime.mocks import MockCallArgs

from lz.aws_invokes import INVOKES, InvokeContext
from lz.aws_mocks import AwsMocks
from lz.mock_engine import run_function
from lz.standin import answers

REGION, ACCOUNT = "eu-west-1", "210987654321"

LOOKUP_TOKENS = {
    "aws:ec2/getAmi:getAmi", "aws:ec2/getAmiIds:getAmiIds", "aws:route53/getZone:getZone",
    "aws:ec2/getVpc:getVpc", "aws:ec2/getSubnets:getSubnets", "aws:ec2/getSubnet:getSubnet",
    "aws:ec2/getRouteTable:getRouteTable", "aws:ec2/getSecurityGroup:getSecurityGroup",
    "aws:ecr/getAuthorizationToken:getAuthorizationToken", "aws:ecr/getCredentials:getCredentials",
    "aws:iam/getRole:getRole", "aws:iam/getPolicy:getPolicy", "aws:kms/getAlias:getAlias",
    "aws:kms/getKey:getKey", "aws:secretsmanager/getSecret:getSecret", "aws:acm/getCertificate:getCertificate",
    "aws:ssm/getParametersByPath:getParametersByPath", "aws:elb/getServiceAccount:getServiceAccount",
}


def app_team_program() -> None:
    ami = aws.ec2.get_ami(most_recent=True, owners=["amazon"], filters=[
        aws.ec2.GetAmiFilterArgs(name="name", values=["al2023-ami-2023.*-x86_64"]),
        aws.ec2.GetAmiFilterArgs(name="virtualization-type", values=["hvm"]),
    ])
    default_vpc = aws.ec2.get_vpc(default=True)
    subnets = aws.ec2.get_subnets(filters=[{"name": "vpc-id", "values": [default_vpc.id]}])
    web_sg = aws.ec2.SecurityGroup("web", vpc_id=default_vpc.id, ingress=[aws.ec2.SecurityGroupIngressArgs(
        protocol="tcp", from_port=443, to_port=443, cidr_blocks=[default_vpc.cidr_block])])
    default_sg = aws.ec2.get_security_group(vpc_id=default_vpc.id, name="default")
    web = aws.ec2.Instance("web", ami=ami.id, instance_type="t3.micro", subnet_id=subnets.ids[0],
                           vpc_security_group_ids=[web_sg.id, default_sg.id],
                           root_block_device={"volume_size": 20, "encrypted": True,
                                              "device_name": ami.root_device_name})

    zone = aws.route53.get_zone(name="example.com")
    aws.route53.Record("www", zone_id=zone.zone_id, name=f"www.{zone.name}", type="A", ttl=300,
                       records=[web.private_ip])
    cert = aws.acm.get_certificate(domain="*.example.com", statuses=["ISSUED"])

    token = aws.ecr.get_authorization_token()
    pull_secret = aws.secretsmanager.Secret("registry-pull", name="ci/registry-pull")
    aws.secretsmanager.SecretVersion("registry-pull", secret_id=pull_secret.id, secret_string=json.dumps(
        {"auths": {token.proxy_endpoint: {"auth": token.authorization_token}}}))

    # The Output forms, fed Outputs, as teams chain them.
    vpc_out = aws.ec2.get_vpc_output(default=True)
    rtb = aws.ec2.get_route_table_output(vpc_id=vpc_out.id)
    first_subnet = aws.ec2.get_subnet_output(id=pulumi.Output.from_input(subnets.ids[0]))
    aws.ec2.Route("to-corp", route_table_id=rtb.id, destination_cidr_block="10.200.0.0/16",
                  gateway_id=rtb.routes[0].gateway_id)
    ami_out = aws.ec2.get_ami_output(most_recent=True, owners=["amazon"],
                                     filters=[{"name": "name", "values": pulumi.Output.from_input(
                                         ["al2023-ami-2023.*-x86_64"])}])
    aws.ec2.LaunchTemplate("workers", image_id=ami_out.id, instance_type="t3.small",
                           vpc_security_group_ids=[default_sg.id])

    role = aws.iam.get_role(name="platform-deployer")
    readonly = aws.iam.get_policy(name="ReadOnlyAccess")
    alias = aws.kms.get_alias(name="alias/app-data")
    key = aws.kms.get_key(key_id=alias.name)
    secret = aws.secretsmanager.get_secret(name="app/db-password")
    pulumi.export("lookups", {
        "ami": ami.id, "ami_name": ami.name, "arch": ami.architecture, "ami_out": ami_out.id,
        "bdm": ami.block_device_mappings[0].ebs["volume_type"], "owner": ami.owner_id,
        "vpc": default_vpc.id, "vpc_cidr": default_vpc.cidr_block, "main_rtb": default_vpc.main_route_table_id,
        "vpc_arn": default_vpc.arn, "subnets": subnets.ids, "subnet_az": first_subnet.availability_zone,
        "subnet_vpc": first_subnet.vpc_id, "subnet_cidr": first_subnet.cidr_block, "rtb": rtb.id,
        "zone_id": zone.zone_id, "zone_name": zone.name, "ns": zone.name_servers, "cert": cert.arn,
        "user": token.user_name, "password": token.password, "auth": token.authorization_token,
        "endpoint": token.proxy_endpoint, "role": role.arn, "readonly": readonly.arn,
        "key_id": key.key_id, "alias_key": alias.target_key_id, "secret": secret.arn,
    })


def _run():
    return run_function(app_team_program, config={"aws:region": REGION}, account_id=ACCOUNT)


def _of(graph, name: str, typ: str):
    [record] = [r for r in graph.resources if r.name == name and r.type == typ]
    return record


@pytest.fixture(scope="module")
def graph():
    return _run()


def test_the_program_runs_and_every_lookup_was_answered(graph) -> None:
    assert graph.unmocked_calls == []
    assert _of(graph, "web", "aws:ec2/instance:Instance").id.startswith("i-")


def test_registered_inputs_carry_aws_shaped_lookup_values(graph) -> None:
    web = _of(graph, "web", "aws:ec2/instance:Instance").inputs
    assert re.fullmatch(r"ami-[0-9a-f]{17}", web["ami"])
    assert re.fullmatch(r"subnet-[0-9a-f]{17}", web["subnetId"])
    assert web["rootBlockDevice"]["deviceName"] == "/dev/xvda"
    assert re.fullmatch(r"sg-[0-9a-f]{17}", web["vpcSecurityGroupIds"][1])
    assert web["ami"] == graph.get("workers").inputs["imageId"]
    record = graph.get("www").inputs
    assert re.fullmatch(r"Z[A-Z0-9]{13}", record["zoneId"])
    assert record["name"] == "www.example.com."
    sg = _of(graph, "web", "aws:ec2/securityGroup:SecurityGroup").inputs
    assert sg["vpcId"] == graph.outputs["lookups"]["vpc"] and sg["ingress"][0]["cidrBlocks"] == ["172.31.0.0/16"]
    route = graph.get("to-corp").inputs
    assert re.fullmatch(r"rtb-[0-9a-f]{17}", route["routeTableId"])
    assert re.fullmatch(r"igw-[0-9a-f]{17}", route["gatewayId"])
    sent = json_format.MessageToDict(
        _of(graph, "registry-pull", "aws:secretsmanager/secretVersion:SecretVersion").raw_inputs)
    pull = json.loads(sent["secretString"]["value"])  # a secret on the wire: {<sig>: "secret", value}
    [(endpoint, auth)] = pull["auths"].items()
    assert endpoint == f"https://{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com"
    assert base64.b64decode(auth["auth"]).decode().startswith("AWS:")


def test_lookup_results_are_aws_shaped_and_agree_with_each_other(graph) -> None:
    out = graph.outputs["lookups"]
    assert out["ami_name"] == "al2023-ami-2023.20250115-x86_64" and out["arch"] == "x86_64"
    assert out["owner"] == "137112412989" and out["bdm"] == "gp3" and out["ami_out"] == out["ami"]
    assert re.fullmatch(r"vpc-[0-9a-f]{17}", out["vpc"]) and out["vpc_cidr"] == "172.31.0.0/16"
    assert out["vpc_arn"] == f"arn:aws:ec2:{REGION}:{ACCOUNT}:vpc/{out['vpc']}"
    assert out["main_rtb"] == out["rtb"]
    assert len(out["subnets"]) == 3 and len(set(out["subnets"])) == 3  # eu-west-1 has three zones
    assert out["subnet_az"] == "eu-west-1a" and out["subnet_vpc"] == out["vpc"]
    assert out["subnet_cidr"] == "172.31.0.0/20"
    assert out["zone_name"] == "example.com."
    assert len(out["ns"]) == 4 and all(re.fullmatch(r"ns-\d+\.awsdns-\d{2}\.(org|co\.uk|com|net)", n)
                                       for n in out["ns"])
    assert re.fullmatch(rf"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/[0-9a-f-]{{36}}", out["cert"])
    assert out["user"] == "AWS" and base64.b64decode(out["auth"]).decode() == "AWS:" + out["password"]
    assert out["role"] == f"arn:aws:iam::{ACCOUNT}:role/platform-deployer"
    assert out["readonly"] == "arn:aws:iam::aws:policy/ReadOnlyAccess"
    assert out["key_id"] == out["alias_key"]
    assert re.fullmatch(rf"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:app/db-password-\w{{6}}", out["secret"])


def test_same_program_same_answers(graph) -> None:
    again = _run()
    assert again.outputs == graph.outputs
    assert [(r.name, r.inputs) for r in again.resources] == [(r.name, r.inputs) for r in graph.resources]


def test_account_and_region_come_from_the_stack() -> None:
    seen = {}

    def program() -> None:
        seen["vpc"] = aws.ec2.get_vpc(default=True)
        seen["subnets"] = aws.ec2.get_subnets(filters=[{"name": "vpc-id", "values": [seen["vpc"].id]}])
        seen["elb"] = aws.elb.get_service_account()

    run_function(program, config={"aws:region": "us-east-1"}, account_id="111122223333")
    assert seen["vpc"].owner_id == "111122223333" and ":us-east-1:" in seen["vpc"].arn
    assert len(seen["subnets"].ids) == 6
    assert seen["elb"].arn == "arn:aws:iam::127311923021:root"


# Each lookup with the arguments the SDK sends for a typical call.
CASES = [
    ("aws:ec2/getAmi:getAmi", {"mostRecent": True, "owners": ["amazon"],
                               "filters": [{"name": "name", "values": ["al2023-ami-*-arm64"]}]}),
    ("aws:ec2/getAmiIds:getAmiIds", {"owners": ["self"], "nameRegex": "^app-\\d+"}),
    ("aws:route53/getZone:getZone", {"name": "example.com", "privateZone": False}),
    ("aws:ec2/getVpc:getVpc", {"default": True}),
    ("aws:ec2/getVpc:getVpc", {"tags": {"Name": "shared"}}),
    ("aws:ec2/getSubnets:getSubnets", {"filters": [{"name": "vpc-id", "values": ["vpc-0123456789abcdef0"]}]}),
    ("aws:ec2/getSubnet:getSubnet", {"availabilityZone": "eu-west-1b", "defaultForAz": True}),
    ("aws:ec2/getRouteTable:getRouteTable", {"subnetId": "subnet-0123456789abcdef0"}),
    ("aws:ec2/getSecurityGroup:getSecurityGroup", {"name": "default"}),
    ("aws:ecr/getAuthorizationToken:getAuthorizationToken", {}),
    ("aws:ecr/getCredentials:getCredentials", {"registryId": "999988887777"}),
    ("aws:iam/getRole:getRole", {"name": "deployer"}),
    ("aws:iam/getPolicy:getPolicy", {"arn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
    ("aws:kms/getAlias:getAlias", {"name": "alias/aws/s3"}),
    ("aws:kms/getKey:getKey", {"keyId": "alias/aws/s3"}),
    ("aws:secretsmanager/getSecret:getSecret", {"name": "db"}),
    ("aws:ssm/getParametersByPath:getParametersByPath", {"path": "/app/"}),
    ("aws:elb/getServiceAccount:getServiceAccount", {}),
    ("aws:acm/getCertificate:getCertificate", {"domain": "api.example.com"}),
]


def test_every_lookup_token_has_a_case() -> None:
    assert {token for token, _ in CASES} == LOOKUP_TOKENS
    assert set(INVOKES) >= LOOKUP_TOKENS


@pytest.mark.parametrize(("token", "args"), CASES)
def test_the_stand_in_provider_answers_what_the_mocks_answer(token: str, args: dict) -> None:
    expected, _ = AwsMocks(account_id=ACCOUNT, region=REGION).call(MockCallArgs(token=token, args=args, provider=""))
    answered = answers.invoke(InvokeContext(ACCOUNT, REGION), token, args)
    assert answered == {k: v for k, v in expected.items() if v is not None}
    assert answered["id"]
    elsewhere = answers.invoke(InvokeContext("111122223333", "us-east-2"), token, args)
    # An AWS-managed policy's ARN is the same in every account; everything else is the stack's own.
    assert (elsewhere != answered) != (token == "aws:iam/getPolicy:getPolicy")
