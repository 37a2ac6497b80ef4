"""Lambda rules over Function, Permission, ResourcePolicy and FunctionUrl (pulumi_aws.lambda_)."""

import json
from typing import Any

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

ROLE = "arn:aws:iam::111111111111:role/fn"
FN_ARN = "arn:aws:lambda:eu-west-1:111111111111:function:fn"


def function(name: str, **kwargs: Any) -> aws.lambda_.Function:
    args: dict[str, Any] = {"role": ROLE, "runtime": "python3.13", "handler": "app.handler", "code": None}
    args.update(kwargs)
    return aws.lambda_.Function(name, **args)


def vpc(*subnets: Any) -> aws.lambda_.FunctionVpcConfigArgs:
    return aws.lambda_.FunctionVpcConfigArgs(subnet_ids=list(subnets), security_group_ids=["sg-1"])


def permission(name: str, principal: str, **kwargs: Any) -> aws.lambda_.Permission:
    return aws.lambda_.Permission(name, action=kwargs.pop("action", "lambda:InvokeFunction"), function="fn",
                                  principal=principal, **kwargs)


def policy(name: str, statement: dict[str, Any]) -> aws.lambda_.ResourcePolicy:
    return aws.lambda_.ResourcePolicy(name, resource_arn=FN_ARN, policy=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:InvokeFunction",
                                                 "Resource": FN_ARN, **statement}]}))


def test_permission_not_public() -> None:
    def program() -> None:
        permission("ok-account", "222222222222")
        permission("ok-org", "*", principal_org_id="o-abc123")
        permission("ok-sns", "sns.amazonaws.com", source_arn="arn:aws:sns:eu-west-1:111111111111:t")
        permission("ok-s3", "s3.amazonaws.com", source_arn="arn:aws:s3:::b", source_account="111111111111")
        permission("public", "*")
        permission("public-url", "*", action="lambda:InvokeFunctionUrl", function_url_auth_type="NONE")
        permission("s3-no-account", "s3.amazonaws.com", source_arn="arn:aws:s3:::b")
        policy("ok-policy", {"Principal": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "111111111111"}}})
        policy("ok-policy-s3", {"Principal": {"Service": "s3.amazonaws.com"},
                                "Condition": {"StringEquals": {"aws:SourceAccount": "111111111111"}}})
        policy("public-policy", {"Principal": {"AWS": "*"}})
        policy("negated-policy", {"Principal": "*",
                                  "Condition": {"StringNotEquals": {"aws:SourceAccount": "999999999999"}}})
        policy("s3-policy", {"Principal": {"Service": "s3.amazonaws.com"}})

    graph = run_function(program)
    assert set(violations("lambda_permission_not_public", graph)) == {
        "public", "public-url", "s3-no-account", "public-policy", "negated-policy", "s3-policy"}
    found = violations("lambda_permission_not_public", graph)
    assert "anyone on the internet" in found["public-url"][0].message
    assert found["s3-no-account"][0].property == "sourceAccount"
    assert found["public-policy"][0].property == "policy.Statement[0]"


def test_supported_runtime() -> None:
    def program() -> None:
        function("ok-py313")
        function("ok-image", runtime=None, handler=None, package_type="Image",
                 image_uri="111111111111.dkr.ecr.eu-west-1.amazonaws.com/app:1")
        function("py39", runtime="python3.9")
        function("node18", runtime="nodejs18.x")
        function("go1", runtime="go1.x", handler="main")

    graph = run_function(program)
    assert set(violations("lambda_supported_runtime", graph)) == {"py39", "node18", "go1"}
    assert set(violations("lambda_supported_runtime", graph, {"deprecated_runtimes": ["python3.13"]})) == {
        "ok-py313"}
    [only] = violations("lambda_supported_runtime", graph)["py39"]
    assert only.property == "runtime" and "'python3.9' is deprecated" in only.message


def test_in_vpc() -> None:
    def program() -> None:
        function("ok-vpc", vpc_config=vpc("subnet-a", "subnet-b"))
        function("no-vpc")

    assert evaluate_rule("lambda_in_vpc", program) == {"no-vpc"}
    assert evaluate_rule("lambda_in_vpc", program, {"exemptions": ["no-*"]}) == set()


def test_multi_az() -> None:
    def program() -> None:
        a = aws.ec2.Subnet("subnet-a", vpc_id="vpc-1", cidr_block="10.0.0.0/24", availability_zone="eu-west-1a")
        b = aws.ec2.Subnet("subnet-b", vpc_id="vpc-1", cidr_block="10.0.1.0/24", availability_zone="eu-west-1b")
        a2 = aws.ec2.Subnet("subnet-a2", vpc_id="vpc-1", cidr_block="10.0.2.0/24", availability_zone="eu-west-1a")
        function("ok-two-azs", vpc_config=vpc(a.id, b.id))
        function("ok-outside-stack", vpc_config=vpc("subnet-0aaa", "subnet-0bbb"))
        function("ok-no-vpc")
        function("one-subnet", vpc_config=vpc("subnet-0aaa"))
        function("same-az", vpc_config=vpc(a.id, a2.id))

    graph = run_function(program)
    assert set(violations("lambda_multi_az", graph)) == {"one-subnet", "same-az"}
    [only] = violations("lambda_multi_az", graph)["same-az"]
    assert "['eu-west-1a']" in only.message and only.property == "vpcConfig.subnetIds"


def test_multi_az_unknown_subnets_are_cannot_decide() -> None:
    def program() -> None:
        function("pending", vpc_config=aws.lambda_.FunctionVpcConfigArgs(
            subnet_ids=unknown(["subnet-a"]), security_group_ids=["sg-1"]))

    [only] = violations("lambda_multi_az", run_function(program))["pending"]
    assert only.message.startswith("cannot decide: vpcConfig.subnetIds")


def test_function_url_requires_auth() -> None:
    def program() -> None:
        aws.lambda_.FunctionUrl("ok-iam", function_name="fn", authorization_type="AWS_IAM")
        aws.lambda_.FunctionUrl("open", function_name="fn", authorization_type="NONE")

    graph = run_function(program)
    assert set(violations("lambda_function_url_requires_auth", graph)) == {"open"}
    assert "'NONE'" in violations("lambda_function_url_requires_auth", graph)["open"][0].message


def test_tracing_active() -> None:
    def program() -> None:
        function("ok-active", tracing_config=aws.lambda_.FunctionTracingConfigArgs(mode="Active"))
        function("default")
        function("passthrough", tracing_config=aws.lambda_.FunctionTracingConfigArgs(mode="PassThrough"))

    graph = run_function(program)
    assert set(violations("lambda_tracing_active", graph)) == {"default", "passthrough"}
    assert "AWS default: PassThrough" in violations("lambda_tracing_active", graph)["default"][0].message
