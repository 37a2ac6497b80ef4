"""AWS-shaped ids, ARNs, computed attributes and invoke answers."""

import json
import re

import pulumi
import pulumi_aws as aws

from lz.aws_invokes import render_policy_document
from lz.mock_engine import run_function


def _capture(declare, region="eu-west-1", account="210987654321"):
    return run_function(declare, config={"aws:region": region}, account_id=account)


def test_ids_and_arns_are_aws_shaped_with_account_and_region() -> None:
    def declare() -> None:
        vpc = aws.ec2.Vpc("v", cidr_block="10.0.0.0/16")
        aws.ec2.Subnet("s", vpc_id=vpc.id, cidr_block="10.0.0.0/24", availability_zone="eu-west-1b")
        aws.ec2.SecurityGroup("g", vpc_id=vpc.id)
        aws.ec2transitgateway.TransitGateway("t")
        aws.kms.Key("k")
        aws.cloudwatch.LogGroup("l")
        aws.iam.Role("r", assume_role_policy="{}", path="/svc/")
        aws.sns.Topic("n", name="alerts")

    g = _capture(declare)
    vpc, subnet, sg = g.get("v"), g.get("s"), g.get("g")
    assert re.fullmatch(r"vpc-[0-9a-f]{17}", vpc.id)
    assert vpc.outputs["arn"] == f"arn:aws:ec2:eu-west-1:210987654321:vpc/{vpc.id}"
    assert vpc.outputs["ownerId"] == "210987654321"
    assert vpc.outputs["defaultSecurityGroupId"].startswith("sg-")
    assert vpc.outputs["mainRouteTableId"].startswith("rtb-")
    assert subnet.id.startswith("subnet-") and subnet.outputs["availabilityZoneId"] == "euw1-az2"
    assert sg.id.startswith("sg-") and sg.outputs["name"].startswith("g-")
    tgw = g.get("t")
    assert tgw.id.startswith("tgw-") and tgw.outputs["associationDefaultRouteTableId"].startswith("tgw-rtb-")
    key = g.get("k")
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", key.id)
    assert key.outputs["arn"] == f"arn:aws:kms:eu-west-1:210987654321:key/{key.id}"
    assert key.outputs["keyId"] == key.id
    logs = g.get("l")
    assert re.fullmatch(r"l-[0-9a-f]{7}", logs.id) and logs.outputs["name"] == logs.id
    assert logs.outputs["arn"] == f"arn:aws:logs:eu-west-1:210987654321:log-group:{logs.id}"
    role = g.get("r")
    assert role.outputs["arn"] == f"arn:aws:iam::210987654321:role/svc/{role.id}"
    assert role.outputs["uniqueId"].startswith("AROA")
    assert g.get("n").outputs["arn"] == "arn:aws:sns:eu-west-1:210987654321:alerts"


def test_ids_are_deterministic_and_distinct() -> None:
    def declare() -> None:
        for i in range(5):
            aws.ec2.Vpc(f"v{i}", cidr_block=f"10.{i}.0.0/16")

    first, second = _capture(declare), _capture(declare)
    assert [r.id for r in first.resources] == [r.id for r in second.resources]
    assert len({r.id for r in first.resources}) == 5


def test_gateway_endpoint_and_nat_attributes() -> None:
    def declare() -> None:
        aws.ec2.VpcEndpoint("s3", vpc_id="vpc-1", service_name="com.amazonaws.eu-west-1.s3")
        aws.ec2.Eip("ip", domain="vpc")
        aws.ec2.NatGateway("nat", subnet_id="subnet-1", allocation_id="eipalloc-1")

    g = _capture(declare)
    assert g.get("s3").outputs["prefixListId"].startswith("pl-")
    assert g.get("ip").outputs["allocationId"] == g.get("ip").id and g.get("ip").id.startswith("eipalloc-")
    assert g.get("nat").id.startswith("nat-") and "publicIp" in g.get("nat").outputs


def test_availability_zones_per_region() -> None:
    seen: dict[str, list[str]] = {}

    def declare() -> None:
        zones = aws.get_availability_zones(state="available")
        seen["names"], seen["ids"] = zones.names, zones.zone_ids

    _capture(declare, region="us-east-1")
    assert seen["names"] == [f"us-east-1{c}" for c in "abcdef"]
    assert seen["ids"][0] == "use1-az1"
    _capture(declare, region="eu-west-1")
    assert seen["names"] == ["eu-west-1a", "eu-west-1b", "eu-west-1c"]


def test_caller_identity_region_partition_and_ami() -> None:
    seen = {}

    def declare() -> None:
        seen["me"] = aws.get_caller_identity()
        seen["region"] = aws.get_region()
        seen["partition"] = aws.get_partition()
        seen["ami"] = aws.ssm.get_parameter(
            name="/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64")

    _capture(declare, region="ap-southeast-2", account="111122223333")
    assert seen["me"].account_id == "111122223333"
    assert seen["me"].arn.startswith("arn:aws:iam::111122223333:")
    assert seen["region"].region == "ap-southeast-2"
    assert seen["partition"].partition == "aws" and seen["partition"].dns_suffix == "amazonaws.com"
    assert re.fullmatch(r"ami-[0-9a-f]{17}", seen["ami"].value)


def test_policy_document_is_rendered_as_iam_json() -> None:
    out = {}

    def declare() -> None:
        doc = aws.iam.get_policy_document(statements=[
            aws.iam.GetPolicyDocumentStatementArgs(
                sid="DenyInsecure", effect="Deny", actions=["s3:*"],
                resources=["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
                principals=[aws.iam.GetPolicyDocumentStatementPrincipalArgs(type="*", identifiers=["*"])],
                conditions=[aws.iam.GetPolicyDocumentStatementConditionArgs(
                    test="Bool", variable="aws:SecureTransport", values=["false"])],
            ),
        ])
        out["json"], out["min"] = doc.json, doc.minified_json

    _capture(declare)
    assert json.loads(out["json"]) == {
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "DenyInsecure", "Effect": "Deny", "Action": "s3:*",
            "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Principal": "*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }],
    }
    assert json.loads(out["min"]) == json.loads(out["json"]) and " " not in out["min"]


def test_policy_document_principals_by_type() -> None:
    doc = json.loads(render_policy_document({"statements": [{
        "actions": ["sts:AssumeRole"],
        "principals": [{"type": "Service", "identifiers": ["ec2.amazonaws.com", "lambda.amazonaws.com"]},
                       {"type": "AWS", "identifiers": ["arn:aws:iam::1:root"]}],
    }]})["json"])
    assert doc["Statement"][0]["Principal"] == {
        "Service": ["ec2.amazonaws.com", "lambda.amazonaws.com"], "AWS": "arn:aws:iam::1:root"}
    assert doc["Statement"][0]["Effect"] == "Allow"


def test_component_resources_get_no_id() -> None:
    def declare() -> None:
        pulumi.ComponentResource("x:y:Z", "c")

    assert _capture(declare).get("c").id is None


def test_types_without_a_template_still_get_an_aws_shaped_arn() -> None:
    """An ARN a program reads (an IAM policy on a table or parameter, an image recipe's component) is
    known, as AWS would return it; a missing one would be unknown at preview and a diff after up."""
    def program() -> None:
        table = aws.dynamodb.Table("orders", hash_key="id", attributes=[{"name": "id", "type": "S"}],
                                   billing_mode="PAY_PER_REQUEST")
        param = aws.ssm.Parameter("flag", type="String", value="on")
        component = aws.imagebuilder.Component("hardening", platform="Linux", version="1.0.0", data="{}")
        pulumi.export("arns", pulumi.Output.all(table.arn, param.arn, component.arn))

    graph = run_function(program, config={"aws:region": "eu-west-1"})
    table_arn, param_arn, component_arn = graph.outputs["arns"]
    assert re.fullmatch(r"arn:aws:dynamodb:eu-west-1:123456789012:table/orders-[0-9a-f]+", table_arn)
    assert re.fullmatch(r"arn:aws:ssm:eu-west-1:123456789012:parameter/flag-[0-9a-f]+", param_arn)
    assert component_arn.startswith("arn:aws:imagebuilder:eu-west-1:123456789012:component/hardening")


def test_stack_reference_outputs_are_unknown_not_invented() -> None:
    """Another stack's outputs cannot be known offline: the program runs on, with unknowns."""
    def program() -> None:
        network = pulumi.StackReference("acme/network/prod")
        vpc_id = network.require_output("vpcId")
        subnets = network.get_output("privateSubnetIds")
        sg = aws.ec2.SecurityGroup("app-sg", vpc_id=vpc_id, description="app")
        aws.ec2.Instance("app", ami="ami-0123456789abcdef0", instance_type="t3.micro",
                         subnet_id=subnets.apply(lambda ids: ids[0]), vpc_security_group_ids=[sg.id])

    graph = run_function(program)
    assert graph.get("app-sg").inputs["vpcId"] == "<unknown>"
    assert graph.get("app").inputs["subnetId"] == "<unknown>"


def test_an_invoke_on_unknown_arguments_gives_an_unknown_result() -> None:
    """A policy document built from another stack's output: unknown until that value is, no crash."""
    def program() -> None:
        bucket_arn = pulumi.StackReference("acme/storage/prod").require_output("bucketArn")
        doc = aws.iam.get_policy_document_output(statements=[aws.iam.GetPolicyDocumentStatementArgs(
            actions=["s3:GetObject"], resources=[bucket_arn.apply(lambda a: f"{a}/*")])])
        aws.iam.Policy("read", policy=doc.json)
        known = aws.iam.get_policy_document_output(statements=[aws.iam.GetPolicyDocumentStatementArgs(
            actions=["s3:ListAllMyBuckets"], resources=["*"])])
        aws.iam.Policy("list", policy=known.json)

    graph = run_function(program)
    assert graph.get("read").inputs["policy"] == "<unknown>"
    assert json.loads(graph.get("list").inputs["policy"])["Statement"][0]["Action"] == "s3:ListAllMyBuckets"
