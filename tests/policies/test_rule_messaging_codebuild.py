"""codebuild_source_url_no_credentials, codebuild_env_no_plaintext_aws_credentials, codebuild_s3_logs_encrypted,
codebuild_logging_enabled and codebuild_no_privileged_mode over aws.codebuild.Project."""

import pulumi_aws as aws
from fixtures import unknown
from harness import violations

from lz.mock_engine import run_function

ROLE = "arn:aws:iam::111122223333:role/codebuild"
REPO = "https://bitbucket.org/team/repo.git"
Var = aws.codebuild.ProjectEnvironmentEnvironmentVariableArgs
Logs = aws.codebuild.ProjectLogsConfigArgs
CloudWatch = aws.codebuild.ProjectLogsConfigCloudwatchLogsArgs
S3Logs = aws.codebuild.ProjectLogsConfigS3LogsArgs


def project(name: str, *, location: object = REPO, secondary: list[str] | None = None,
            variables: list[Var] | None = None, privileged: bool | None = None,
            logs: Logs | None = None) -> aws.codebuild.Project:
    return aws.codebuild.Project(
        name, service_role=ROLE, artifacts=aws.codebuild.ProjectArtifactsArgs(type="NO_ARTIFACTS"),
        environment=aws.codebuild.ProjectEnvironmentArgs(
            compute_type="BUILD_GENERAL1_SMALL", image="aws/codebuild/standard:7.0", type="LINUX_CONTAINER",
            privileged_mode=privileged, environment_variables=variables),
        source=aws.codebuild.ProjectSourceArgs(type="BITBUCKET", location=location),  # type: ignore[arg-type]
        secondary_sources=[aws.codebuild.ProjectSecondarySourceArgs(type="GITHUB", location=s,
                                                                    source_identifier=f"s{i}")
                           for i, s in enumerate(secondary or [])] or None,
        logs_config=logs)


def test_codebuild_source_url_no_credentials() -> None:
    def program() -> None:
        project("ok-plain")
        project("ok-ssh", location="git@bitbucket.org:team/repo.git")
        project("user-password", location="https://alice:s3cret@bitbucket.org/team/repo.git")
        project("token", location="https://ghp_abcdef@github.com/team/repo.git")
        project("secondary-token", secondary=["https://github.com/team/a.git", "https://x:y@github.com/team/b.git"])

    found = violations("codebuild_source_url_no_credentials", run_function(program))
    assert set(found) == {"user-password", "token", "secondary-token"}
    assert "a user name and password" in found["user-password"][0].message
    assert [v.property for v in found["secondary-token"]] == ["secondarySources[1].location"]


def test_source_url_unknown_is_cannot_decide() -> None:
    def program() -> None:
        project("pending", location=unknown(REPO))

    [only] = violations("codebuild_source_url_no_credentials", run_function(program))["pending"]
    assert only.message.startswith("cannot decide: source.location")


def test_codebuild_env_no_plaintext_aws_credentials() -> None:
    def program() -> None:
        project("ok-secrets-manager", variables=[Var(name="AWS_SECRET_ACCESS_KEY", value="ci/key",
                                                     type="SECRETS_MANAGER")])
        project("ok-other-plaintext", variables=[Var(name="STAGE", value="prod")])
        project("implicit-plaintext", variables=[Var(name="AWS_ACCESS_KEY_ID", value="AKIAEXAMPLE")])
        project("explicit-plaintext", variables=[Var(name="STAGE", value="prod"),
                                                 Var(name="AWS_SECRET_ACCESS_KEY", value="x", type="PLAINTEXT")])

    graph = run_function(program)
    found = violations("codebuild_env_no_plaintext_aws_credentials", graph)
    assert set(found) == {"implicit-plaintext", "explicit-plaintext"}
    assert found["explicit-plaintext"][0].property == "environment.environmentVariables[1].type"
    assert "AWS_SECRET_ACCESS_KEY is PLAINTEXT" in found["explicit-plaintext"][0].message
    assert set(violations("codebuild_env_no_plaintext_aws_credentials", graph, {
        "credential_variable_names": ["STAGE"]})) == {"ok-other-plaintext", "explicit-plaintext"}


def test_codebuild_s3_logs_encrypted_and_logging_enabled() -> None:
    def program() -> None:
        project("ok-default")
        project("ok-s3-encrypted", logs=Logs(s3_logs=S3Logs(status="ENABLED", location="logs/cb")))
        project("ok-s3-only", logs=Logs(cloudwatch_logs=CloudWatch(status="DISABLED"),
                                        s3_logs=S3Logs(status="ENABLED", location="logs/cb")))
        project("s3-unencrypted", logs=Logs(s3_logs=S3Logs(status="ENABLED", location="logs/cb",
                                                           encryption_disabled=True)))
        project("ok-s3-off-unencrypted", logs=Logs(s3_logs=S3Logs(status="DISABLED", encryption_disabled=True)))
        project("no-logs", logs=Logs(cloudwatch_logs=CloudWatch(status="DISABLED")))

    graph = run_function(program)
    encrypted = violations("codebuild_s3_logs_encrypted", graph)
    assert set(encrypted) == {"s3-unencrypted"}
    assert encrypted["s3-unencrypted"][0].property == "logsConfig.s3Logs.encryptionDisabled"
    logging = violations("codebuild_logging_enabled", graph)
    assert set(logging) == {"no-logs"}
    assert "builds leave no log" in logging["no-logs"][0].message


def test_codebuild_no_privileged_mode() -> None:
    def program() -> None:
        project("ok-default")
        project("ok-explicit", privileged=False)
        project("docker-builder", privileged=True)

    graph = run_function(program)
    found = violations("codebuild_no_privileged_mode", graph)
    assert set(found) == {"docker-builder"}
    assert found["docker-builder"][0].property == "environment.privilegedMode"
    assert set(violations("codebuild_no_privileged_mode", graph, {"exemptions": ["docker-*"]})) == set()
