"""codebuild_env_no_plaintext_secrets over CodeBuild projects declared with pulumi_aws."""

import pulumi_aws as aws
from fixtures import unknown
from harness import violations

from lz.mock_engine import run_function

SOURCE = aws.codebuild.ProjectSourceArgs(type="GITHUB", location="https://github.com/acme/app.git")
ARTIFACTS = aws.codebuild.ProjectArtifactsArgs(type="NO_ARTIFACTS")


def project(name: str, *variables: aws.codebuild.ProjectEnvironmentEnvironmentVariableArgs) -> None:
    aws.codebuild.Project(name, service_role="arn:aws:iam::123456789012:role/build", source=SOURCE,
                          artifacts=ARTIFACTS, environment=aws.codebuild.ProjectEnvironmentArgs(
                              compute_type="BUILD_GENERAL1_SMALL", image="aws/codebuild/standard:7.0",
                              type="LINUX_CONTAINER", environment_variables=list(variables)))


def var(name: str, value: object, kind: str | None = None) -> aws.codebuild.ProjectEnvironmentEnvironmentVariableArgs:
    return aws.codebuild.ProjectEnvironmentEnvironmentVariableArgs(name=name, value=value, type=kind)  # type: ignore[arg-type]


def test_plaintext_secrets_in_codebuild_environment() -> None:
    def program() -> None:
        project("ok-plain", var("STAGE", "prod"), var("REGISTRY", "123456789012.dkr.ecr.eu-west-1.amazonaws.com"))
        project("ok-secrets-manager", var("DOCKERHUB_TOKEN", "ci/dockerhub-token", "SECRETS_MANAGER"))
        project("ok-parameter", var("NPM_TOKEN", "/ci/npm-token", "PARAMETER_STORE"))
        project("token-plain", var("DOCKERHUB_TOKEN", "dckr_pat_2b3e36beeb386dfdaacb9b46004ccb7c"))
        project("github-token", var("SOME_VAR", "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", "PLAINTEXT"))
        # AWS keys are codebuild_env_no_plaintext_aws_credentials' (CodeBuild.2): not a second finding here.
        project("aws-keys", var("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
        project("unknown", var("STAGE", "prod"), var("API_TOKEN", unknown("token")))
        # An output of another resource under a name that says nothing of secrets: not a literal here.
        project("ok-output", var("REPO_URL", unknown("url")))

    graph = run_function(program)
    found = violations("codebuild_env_no_plaintext_secrets", graph)
    assert set(found) == {"token-plain", "github-token", "unknown"}
    [token] = found["token-plain"]
    assert token.property == "environment.environmentVariables[0].value"
    assert "DOCKERHUB_TOKEN is PLAINTEXT" in token.message and "dckr_pat" not in token.message
    assert "cannot decide" in found["unknown"][0].message
    assert "aws-keys" in violations("codebuild_env_no_plaintext_aws_credentials", graph)
