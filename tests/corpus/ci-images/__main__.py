import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
services = cfg.require_object("services")

artifacts = aws.s3.Bucket("ci-artifacts")
aws.s3.BucketPublicAccessBlock("ci-artifacts", bucket=artifacts.id, block_public_acls=True, block_public_policy=True,
                               ignore_public_acls=True, restrict_public_buckets=True)

build_role = aws.iam.Role("codebuild", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"},
                   "Action": "sts:AssumeRole"}]}))

repos = {}
for svc in services:
    repo = aws.ecr.Repository(svc, name=f"acme/{svc}", image_tag_mutability="IMMUTABLE",
                              image_scanning_configuration=aws.ecr.RepositoryImageScanningConfigurationArgs(
                                  scan_on_push=True),
                              encryption_configurations=[aws.ecr.RepositoryEncryptionConfigurationArgs(
                                  encryption_type="KMS")])
    aws.ecr.LifecyclePolicy(svc, repository=repo.name, policy=json.dumps({"rules": [{
        "rulePriority": 1, "description": "keep 50 images", "selection": {
            "tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 50},
        "action": {"type": "expire"}}]}))
    repos[svc] = repo

aws.iam.RolePolicy("codebuild", role=build_role.id, policy=pulumi.Output.all(
    artifacts.arn, *[r.arn for r in repos.values()]).apply(lambda arns: json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["ecr:BatchCheckLayerAvailability", "ecr:PutImage",
                                           "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                                           "ecr:CompleteLayerUpload"], "Resource": arns[1:]},
            {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": f"{arns[0]}/*"},
            {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents", "logs:CreateLogGroup"],
             "Resource": "*"},
        ]})))

for svc, repo in repos.items():
    aws.codebuild.Project(
        f"build-{svc}",
        service_role=build_role.arn,
        source={"type": "GITHUB", "location": cfg.require("githubRepo"), "buildspec": f"services/{svc}/buildspec.yml"},
        artifacts={"type": "S3", "location": artifacts.bucket, "encryption_disabled": False},
        environment={
            "compute_type": "BUILD_GENERAL1_MEDIUM", "image": "aws/codebuild/standard:7.0",
            "type": "LINUX_CONTAINER", "privileged_mode": True,
            "environment_variables": [
                {"name": "REPO_URL", "value": repo.repository_url},
                {"name": "DOCKERHUB_TOKEN", "value": "dckr_pat_notarealtoken000000", "type": "PLAINTEXT"},
            ],
        },
        logs_config={"cloudwatch_logs": {"status": "ENABLED"}},
    )

pulumi.export("repositories", {svc: r.repository_url for svc, r in repos.items()})
