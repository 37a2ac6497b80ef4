"""ecr_image_scan_on_push, ecr_tag_immutability, ecr_lifecycle_policy, ecr_repository_cmk_encrypted,
ecr_repository_policy_no_public_write."""

import json

import pulumi_aws as aws
from fixtures import unknown
from harness import violations

from lz.mock_engine import run_function

KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
SCAN = aws.ecr.RepositoryImageScanningConfigurationArgs(scan_on_push=True)
LIFECYCLE = json.dumps({"rules": [{"rulePriority": 1, "selection": {
    "tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 50}, "action": {"type": "expire"}}]})


def doc(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def test_scan_on_push_on_the_repository_or_from_registry_rules() -> None:
    def program() -> None:
        aws.ecr.Repository("ok-scan", name="ok-scan", image_scanning_configuration=SCAN)
        aws.ecr.Repository("default", name="default")
        aws.ecr.Repository("scan-off", name="scan-off",
                           image_scanning_configuration=aws.ecr.RepositoryImageScanningConfigurationArgs(
                               scan_on_push=False))
        aws.ecr.Repository("ok-team-a-api", name="team-a/api")

    graph = run_function(program)
    assert set(violations("ecr_image_scan_on_push", graph)) == {"default", "scan-off", "ok-team-a-api"}
    [v] = violations("ecr_image_scan_on_push", graph)["scan-off"]
    assert v.property == "imageScanningConfiguration.scanOnPush"
    assert "scan_on_push is False" in v.message
    assert set(violations("ecr_image_scan_on_push", graph, {"registry_scanning_elsewhere": True})) == set()
    assert set(violations("ecr_image_scan_on_push", graph, {"exemptions": ["scan-*", "default"]})) == {
        "ok-team-a-api"}

    def with_registry() -> None:
        program()
        aws.ecr.RegistryScanningConfiguration("registry", scan_type="ENHANCED", rules=[
            aws.ecr.RegistryScanningConfigurationRuleArgs(scan_frequency="MANUAL", repository_filters=[
                aws.ecr.RegistryScanningConfigurationRuleRepositoryFilterArgs(filter="*", filter_type="WILDCARD")]),
            aws.ecr.RegistryScanningConfigurationRuleArgs(scan_frequency="CONTINUOUS_SCAN", repository_filters=[
                aws.ecr.RegistryScanningConfigurationRuleRepositoryFilterArgs(filter="team-a/*",
                                                                              filter_type="WILDCARD")])])

    assert set(violations("ecr_image_scan_on_push", run_function(with_registry))) == {"default", "scan-off"}


def test_scan_on_push_unknown_is_cannot_decide() -> None:
    def program() -> None:
        aws.ecr.Repository("pending", image_scanning_configuration=aws.ecr.RepositoryImageScanningConfigurationArgs(
            scan_on_push=unknown(True)))

    [v] = violations("ecr_image_scan_on_push", run_function(program))["pending"]
    assert v.message.startswith("cannot decide")


def test_tag_immutability() -> None:
    def program() -> None:
        aws.ecr.Repository("ok-immutable", image_tag_mutability="IMMUTABLE")
        aws.ecr.Repository("default")
        aws.ecr.Repository("mutable", image_tag_mutability="MUTABLE")
        aws.ecr.Repository("with-exclusion", image_tag_mutability="IMMUTABLE_WITH_EXCLUSION",
                           image_tag_mutability_exclusion_filters=[
                               aws.ecr.RepositoryImageTagMutabilityExclusionFilterArgs(filter="latest*",
                                                                                       filter_type="WILDCARD")])

    graph = run_function(program)
    assert set(violations("ecr_tag_immutability", graph)) == {"default", "mutable", "with-exclusion"}
    assert set(violations("ecr_tag_immutability", graph, {"allow_exclusions": True})) == {"default", "mutable"}
    [v] = violations("ecr_tag_immutability", graph)["default"]
    assert v.property == "imageTagMutability"
    assert "'MUTABLE'" in v.message and "AWS's default is MUTABLE" in v.message


def test_lifecycle_policy_joined_by_name_or_output() -> None:
    def program() -> None:
        by_output = aws.ecr.Repository("ok-by-output")
        aws.ecr.LifecyclePolicy("lp-output", repository=by_output.name, policy=LIFECYCLE)
        aws.ecr.Repository("ok-by-name", name="svc")
        aws.ecr.LifecyclePolicy("lp-name", repository="svc", policy=LIFECYCLE)
        aws.ecr.Repository("none")
        aws.ecr.Repository("other", name="other")
        aws.ecr.LifecyclePolicy("lp-elsewhere", repository="not-in-this-stack", policy=LIFECYCLE)

    graph = run_function(program)
    assert set(violations("ecr_lifecycle_policy", graph)) == {"none", "other"}
    [v] = violations("ecr_lifecycle_policy", graph)["none"]
    assert v.message == "repository none has no lifecycle policy"


def test_repository_cmk_encrypted() -> None:
    def program() -> None:
        aws.ecr.Repository("ok-cmk", encryption_configurations=[
            aws.ecr.RepositoryEncryptionConfigurationArgs(encryption_type="KMS", kms_key=KEY)])
        aws.ecr.Repository("default")
        aws.ecr.Repository("aes", encryption_configurations=[
            aws.ecr.RepositoryEncryptionConfigurationArgs(encryption_type="AES256")])
        aws.ecr.Repository("aws-managed", encryption_configurations=[
            aws.ecr.RepositoryEncryptionConfigurationArgs(encryption_type="KMS")])
        aws.ecr.Repository("aws-alias", encryption_configurations=[
            aws.ecr.RepositoryEncryptionConfigurationArgs(encryption_type="KMS", kms_key="alias/aws/ecr")])

    graph = run_function(program)
    found = violations("ecr_repository_cmk_encrypted", graph)
    assert set(found) == {"default", "aes", "aws-managed", "aws-alias"}
    assert found["aes"][0].property == "encryptionConfigurations[0].encryptionType"
    assert "'AES256'" in found["aes"][0].message
    assert "AWS's default is AES256" in found["default"][0].message
    assert found["aws-alias"][0].property == "encryptionConfigurations[0].kmsKey"


def test_repository_policy_no_public_write() -> None:
    pull = {"Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}

    def program() -> None:
        aws.ecr.RepositoryPolicy("ok-public-pull", repository="r", policy=doc(pull))
        aws.ecr.RepositoryPolicy("ok-named", repository="r", policy=doc(
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}, "Action": "ecr:*"}))
        aws.ecr.RepositoryPolicy("ok-org", repository="r", policy=doc(
            {"Effect": "Allow", "Principal": "*", "Action": "ecr:PutImage",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}))
        aws.ecr.RepositoryPolicy("ok-deny", repository="r", policy=doc(
            {"Effect": "Deny", "Principal": "*", "Action": "ecr:*"}))
        aws.ecr.RepositoryPolicy("push", repository="r", policy=doc(
            pull, {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["ecr:PutImage", "ecr:UploadLayerPart"]}))
        aws.ecr.RepositoryPolicy("ecr-star", repository="r", policy=doc(
            {"Effect": "Allow", "Principal": "*", "Action": "ecr:*"}))
        aws.ecr.RepositoryPolicy("delete-wildcard-org", repository="r", policy=doc(
            {"Effect": "Allow", "Principal": "*", "Action": "ecr:Delete*",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "*"}}}))
        aws.ecr.RepositoryPolicy("broken", repository="r", policy="{")

    graph = run_function(program)
    found = violations("ecr_repository_policy_no_public_write", graph)
    assert set(found) == {"push", "ecr-star", "delete-wildcard-org", "broken"}
    [v] = found["push"]
    assert v.property == "policy"
    assert v.message.startswith("Statement[1] lets any principal") and "ecr:PutImage, ecr:UploadLayerPart" in v.message
    assert "ecr:DeleteRepository" in found["delete-wildcard-org"][0].message
