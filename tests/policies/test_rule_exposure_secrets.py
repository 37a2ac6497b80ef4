"""Plaintext secrets: ecs_environment_no_plaintext_secrets, lambda_environment_no_plaintext_secrets,
glue_connection_no_plaintext_password, ec2_user_data_no_plaintext_secrets, no_plaintext_credentials.

The credentials below are the documented fakes detectors are tested with (AWS's AKIAIOSFODNN7EXAMPLE),
never real ones.
"""

import base64
import json
from typing import Any

import pulumi
import pulumi_aws as aws
from fixtures import unknown
from harness import capture, violations

AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
GITHUB_TOKEN = "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"
ROLE = "arn:aws:iam::123456789012:role/app"
SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
AMI = "ami-0123456789abcdef0"


def container(name: str = "app", **fields: Any) -> dict[str, Any]:
    return {"name": name, "image": "nginx:1.27", "essential": True, **fields}


def env(**variables: str) -> list[dict[str, str]]:
    return [{"name": k, "value": v} for k, v in variables.items()]


def task(name: str, *containers: dict[str, Any]) -> aws.ecs.TaskDefinition:
    return aws.ecs.TaskDefinition(name, family=name, container_definitions=json.dumps(list(containers)))


def function(name: str, variables: dict[str, Any]) -> aws.lambda_.Function:
    return aws.lambda_.Function(name, role=ROLE, runtime="python3.12", handler="app.handler",
                                code=pulumi.AssetArchive({}),
                                environment=aws.lambda_.FunctionEnvironmentArgs(variables=variables))


def test_ecs_environment_no_plaintext_secrets() -> None:
    def program() -> None:
        task("ok-plain-config", container(environment=env(TABLE="orders", LOG_LEVEL="info", PASSWORD_MIN_LENGTH="12"),
                                          secrets=[{"name": "DB_PASSWORD", "valueFrom": SECRET_ARN}]))
        task("ok-reference", container(environment=env(DB_PASSWORD_SECRET_ARN=SECRET_ARN, API_KEY="${API_KEY}")))
        task("db-password", container(environment=env(TABLE="orders", DB_PASSWORD="hunter2-prod")))
        task("token-in-command", container("worker", command=["sync", "--token", GITHUB_TOKEN]))
        task("second-container", container(), container("sidecar", environment=env(STRIPE_API_KEY="sk_live_x1")))
        # ECS.8's own names are ecs_no_credentials_in_environment's finding, not a second one here.
        task("ok-ecs8-name-elsewhere", container(environment=env(AWS_SECRET_ACCESS_KEY="x" * 40)))
        aws.ecs.DaemonTaskDefinition("daemon-url", family="d", container_definitions=json.dumps([
            container(environment=env(DATABASE_URL="postgres://app:s3cr3t-pw@db.internal:5432/app"))]))

    graph = capture(program)
    found = violations("ecs_environment_no_plaintext_secrets", graph)
    assert set(found) == {"db-password", "token-in-command", "second-container", "daemon-url"}
    [password] = found["db-password"]
    assert password.property == "containerDefinitions[0].environment[1].value"
    assert "DB_PASSWORD" in password.message and "Secret Keyword" in password.message
    assert "hunter2" not in password.message  # the finding never repeats the secret
    assert [v.property for v in found["token-in-command"]] == ["containerDefinitions[0].command[2]"]
    assert "GitHub Token" in found["token-in-command"][0].message
    assert [v.property for v in found["second-container"]] == ["containerDefinitions[1].environment[0].value"]
    assert "Basic Auth Credentials" in found["daemon-url"][0].message
    assert set(violations("ecs_environment_no_plaintext_secrets", graph, {"exemptions": ["d*", "t*", "s*"]})) == set()


def test_ecs_output_built_environment() -> None:
    def program() -> None:
        host = aws.ssm.Parameter("db-host", type="String", value="db.internal").value  # known output
        password = pulumi.Output.secret("s3cr3t-pw")  # a Pulumi secret: encrypted in state, clear in ECS
        url = pulumi.Output.concat("postgres://app:", password, "@", host, ":5432/app")
        aws.ecs.TaskDefinition("output-url", family="o", container_definitions=pulumi.Output.json_dumps(
            [container(environment=[{"name": "DATABASE_URL", "value": url}])]))
        aws.ecs.TaskDefinition("ok-output-host", family="h", container_definitions=pulumi.Output.json_dumps(
            [container(environment=[{"name": "DB_HOST", "value": host}])]))
        address = aws.rds.Instance("db", instance_class="db.t4g.micro", engine="postgres", allocated_storage=20,
                                   username="app", manage_master_user_password=True).address  # unknown in preview
        aws.ecs.TaskDefinition("pending", family="p", container_definitions=pulumi.Output.json_dumps(
            [container(environment=[{"name": "DB_HOST", "value": address}])]))

    found = violations("ecs_environment_no_plaintext_secrets", capture(program))
    assert set(found) == {"output-url", "pending"}
    assert "Basic Auth Credentials" in found["output-url"][0].message
    assert found["pending"][0].message.startswith("cannot decide: containerDefinitions")


def test_lambda_environment_no_plaintext_secrets() -> None:
    def program() -> None:
        function("ok-config", {"TABLE": "orders", "DB_SECRET_ARN": SECRET_ARN, "ROTATE_SECRETS": "true"})
        function("db-password", {"TABLE": "orders", "DB_PASSWORD": "hunter2-prod"})
        function("aws-key", {"UPLOAD_KEY": AWS_KEY})
        # A Pulumi secret is encrypted in state only; GetFunctionConfiguration still returns it in clear.
        function("pulumi-secret", {"API_KEY": pulumi.Output.secret("k-1234567890")})
        function("output-built", {"DATABASE_URL": pulumi.Output.concat("mysql://app:", "s3cr3t-pw", "@db:3306/app")})
        aws.lambda_.Function("ok-no-environment", role=ROLE, runtime="python3.12", handler="app.handler",
                             code=pulumi.AssetArchive({}))

    graph = capture(program)
    found = violations("lambda_environment_no_plaintext_secrets", graph)
    assert set(found) == {"db-password", "aws-key", "pulumi-secret", "output-built"}
    assert [v.property for v in found["db-password"]] == ["environment.variables.DB_PASSWORD"]
    assert "AWS Access Key" in found["aws-key"][0].message
    assert set(violations("lambda_environment_no_plaintext_secrets", graph,
                          {"secret_names": [], "exemptions": ["pulumi-*"]})) == {"db-password", "aws-key",
                                                                                "output-built"}


def test_lambda_unknown_value_is_cannot_decide_and_known_ones_still_judged() -> None:
    def program() -> None:
        function("pending", {"DB_PASSWORD": "hunter2-prod", "TOKEN_FROM": unknown("x")})
        function("ok-known", {"TABLE": "orders"})

    found = violations("lambda_environment_no_plaintext_secrets", capture(program))
    assert set(found) == {"pending"}
    first, second = found["pending"]
    assert first.property == "environment.variables.DB_PASSWORD"
    assert second.message.startswith("cannot decide: environment.variables.TOKEN_FROM")


def test_glue_connection_no_plaintext_password() -> None:
    def program() -> None:
        url = "jdbc:postgresql://db.internal:5432/app"
        aws.glue.Connection("ok-secret-id", connection_properties={"JDBC_CONNECTION_URL": url, "SECRET_ID": "db"})
        aws.glue.Connection("password", connection_properties={
            "JDBC_CONNECTION_URL": url, "USERNAME": "app", "PASSWORD": "hunter2-prod"})
        aws.glue.Connection("kafka-password", connection_type="KAFKA", connection_properties={
            "KAFKA_BOOTSTRAP_SERVERS": "b-1.kafka:9096", "KAFKA_SASL_SCRAM_PASSWORD": "scram-pw-1"})
        aws.glue.Connection("ok-network", connection_type="NETWORK")

    graph = capture(program)
    found = violations("glue_connection_no_plaintext_password", graph)
    assert set(found) == {"password", "kafka-password"}
    assert [v.property for v in found["password"]] == ["connectionProperties.PASSWORD"]
    assert "SECRET_ID" in found["password"][0].message


def test_ec2_user_data_no_plaintext_secrets() -> None:
    def program() -> None:
        aws.ec2.Instance("ok-fetches", ami=AMI, instance_type="t3.micro", user_data=(
            "#!/bin/bash\nexport DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db "
            "--query SecretString --output text)\nexport TABLE=orders\n"))
        aws.ec2.Instance("exports-password", ami=AMI, instance_type="t3.micro",
                         user_data="#!/bin/bash\nexport DB_PASSWORD='hunter2-prod'\n")
        script = f"#!/bin/bash\naws configure set aws_access_key_id {AWS_KEY}\n"
        aws.ec2.LaunchTemplate("lt-aws-key", user_data=base64.b64encode(script.encode()).decode())
        aws.ec2.LaunchTemplate("ok-lt", user_data=base64.b64encode(b"#!/bin/bash\nyum -y update\n").decode())
        aws.ec2.LaunchConfiguration("lc-cloud-init", image_id=AMI, instance_type="t3.micro",
                                    user_data="#cloud-config\nchpasswd:\n  list: |\n    root:hunter2-prod\n"
                                              "write_files:\n  - path: /etc/app.env\n    content: "
                                              f"GITHUB={GITHUB_TOKEN}\n")
        aws.ec2.SpotInstanceRequest("ok-spot", ami=AMI, instance_type="t3.micro", user_data="#!/bin/bash\necho hi\n")

    graph = capture(program)
    found = violations("ec2_user_data_no_plaintext_secrets", graph)
    assert set(found) == {"exports-password", "lt-aws-key", "lc-cloud-init"}
    [exported] = found["exports-password"]
    assert exported.property == "userData" and "line 2" in exported.message
    assert "AWS Access Key" in found["lt-aws-key"][0].message


def test_no_plaintext_credentials_anywhere() -> None:
    def program() -> None:
        aws.s3.BucketV2("tagged-token", tags={"owner": "team-a", "ci": GITHUB_TOKEN})
        aws.s3.BucketV2("ok-bucket", tags={"owner": "team-a"})
        aws.ssm.Parameter("string-param", type="String", value=AWS_KEY)
        aws.ssm.Parameter("ok-secure-param", type="SecureString", value=AWS_KEY)
        aws.ssm.Parameter("ok-plain-param", type="String", value="orders")
        secret = aws.secretsmanager.Secret("ok-secret")
        aws.secretsmanager.SecretVersion("ok-secret-version", secret_id=secret.id,
                                         secret_string=json.dumps({"key": AWS_KEY}))
        aws.rds.Instance("ok-db-password", instance_class="db.t4g.micro", engine="postgres", allocated_storage=20,
                         username="app", password="hunter2-prod-pw")
        aws.iam.Role("ok-role-arn", assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": []}),
                     description="deploys from arn:aws:iam::123456789012:role/ci")
        # Judged by the dedicated rules (names and formats): not a second finding here.
        function("lambda-env", {"UPLOAD_KEY": AWS_KEY})
        aws.ec2.Instance("user-data", ami=AMI, instance_type="t3.micro", user_data=f"echo {AWS_KEY}")
        aws.cloudwatch.EventConnection("connection-token", authorization_type="API_KEY", auth_parameters={
            "api_key": {"key": "Authorization", "value": f"Bearer {GITHUB_TOKEN}"}},
            description=f"calls with {GITHUB_TOKEN}")
        aws.s3.BucketV2("pending-tags", tags={"owner": unknown("team-b"), "ci": GITHUB_TOKEN})
        # Slots built for a credential: the provider keeps them secret in state; that is where it belongs.
        aws.amplify.App("ok-amplify-token", repository="https://github.com/example/app", access_token=GITHUB_TOKEN)

    graph = capture(program)
    found = violations("no_plaintext_credentials", graph)
    assert set(found) == {"tagged-token", "string-param", "connection-token", "pending-tags"}
    [tag] = found["tagged-token"]
    assert tag.property == "tags.ci" and "GitHub Token" in tag.message and GITHUB_TOKEN not in tag.message
    assert [v.property for v in found["connection-token"]] == ["description"]  # authParameters.apiKey is secret
    assert set(violations("no_plaintext_credentials", graph, {"exemptions": ["*-t*", "string-*"]})) == set()
    # The dedicated rules pick up what this one leaves to them.
    assert "lambda-env" in violations("lambda_environment_no_plaintext_secrets", graph)
    assert "user-data" in violations("ec2_user_data_no_plaintext_secrets", graph)
