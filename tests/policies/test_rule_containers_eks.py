"""EKS cluster rules: endpoint exposure, Kubernetes version, secrets encryption, audit logging."""

from typing import Any

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

ROLE = "arn:aws:iam::111111111111:role/eks"
KEY = "arn:aws:kms:eu-west-1:111111111111:key/k"


def cluster(name: str, *, public: Any = False, **kwargs: Any) -> aws.eks.Cluster:
    return aws.eks.Cluster(name, role_arn=ROLE, vpc_config=aws.eks.ClusterVpcConfigArgs(
        subnet_ids=["subnet-a", "subnet-b"], endpoint_public_access=public, endpoint_private_access=True),
        **kwargs)


def test_endpoint_not_public() -> None:
    def program() -> None:
        cluster("ok-private")
        cluster("default", public=None)
        cluster("public", public=True)
        aws.eks.Cluster("restricted", role_arn=ROLE, vpc_config=aws.eks.ClusterVpcConfigArgs(
            subnet_ids=["subnet-a"], endpoint_public_access=True, public_access_cidrs=["203.0.113.0/24"]))

    graph = run_function(program)
    assert set(violations("eks_endpoint_not_public", graph)) == {"default", "public", "restricted"}
    [default] = violations("eks_endpoint_not_public", graph)["default"]
    assert default.property == "vpcConfig.endpointPublicAccess" and "AWS default: true" in default.message
    assert "203.0.113.0/24" in violations("eks_endpoint_not_public", graph)["restricted"][0].message


def test_endpoint_unknown_is_cannot_decide() -> None:
    def program() -> None:
        cluster("pending", public=unknown(False))

    [only] = violations("eks_endpoint_not_public", run_function(program))["pending"]
    assert only.message.startswith("cannot decide: vpcConfig.endpointPublicAccess")


def test_supported_version() -> None:
    def program() -> None:
        cluster("ok-default")
        cluster("ok-132", version="1.32")
        cluster("ok-134", version="1.34")
        cluster("old-128", version="1.28")
        cluster("old-131", version="1.31")

    graph = run_function(program)
    assert set(violations("eks_supported_version", graph)) == {"old-128", "old-131"}
    assert set(violations("eks_supported_version", graph, {"oldest_supported_version": "1.33"})) == {
        "old-128", "old-131", "ok-132"}
    [only] = violations("eks_supported_version", graph)["old-128"]
    assert "1.28 is older than 1.32" in only.message


def test_secrets_encrypted() -> None:
    def config(resources: list[str], key: str | None = KEY) -> aws.eks.ClusterEncryptionConfigArgs:
        return aws.eks.ClusterEncryptionConfigArgs(
            resources=resources, provider=aws.eks.ClusterEncryptionConfigProviderArgs(key_arn=key))  # type: ignore[arg-type]

    def program() -> None:
        cluster("ok-kms", encryption_config=config(["secrets"]))
        cluster("none")
        cluster("wrong-resources", encryption_config=config([]))

    graph = run_function(program)
    assert set(violations("eks_secrets_encrypted", graph)) == {"none", "wrong-resources"}
    [only] = violations("eks_secrets_encrypted", graph)["wrong-resources"]
    assert only.property == "encryptionConfig.resources"


def test_audit_logging() -> None:
    def program() -> None:
        cluster("ok-audit", enabled_cluster_log_types=["api", "audit"])
        cluster("default")
        cluster("api-only", enabled_cluster_log_types=["api", "authenticator"])

    assert evaluate_rule("eks_audit_logging", program) == {"default", "api-only"}
    assert evaluate_rule("eks_audit_logging", program, {"exemptions": ["api-*"]}) == {"default"}
