import json

import pulumi
import pulumi_aws as aws

namespaces = pulumi.Config().require_object("namespaces")
net = pulumi.StackReference("acme/network/prod")
private_subnets = net.require_output("privateSubnetIds")

key = aws.kms.Key("eks-secrets", description="EKS secrets envelope key", enable_key_rotation=True,
                  deletion_window_in_days=30)

trust = aws.iam.get_policy_document(statements=[{
    "actions": ["sts:AssumeRole"],
    "principals": [{"type": "Service", "identifiers": ["eks.amazonaws.com"]}],
}])
cluster_role = aws.iam.Role("ds-cluster", assume_role_policy=trust.json,
                            managed_policy_arns=["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"])

cluster = aws.eks.Cluster(
    "data-science",
    role_arn=cluster_role.arn,
    vpc_config={"subnet_ids": private_subnets, "endpoint_private_access": True, "endpoint_public_access": False},
    encryption_config={"provider": {"key_arn": key.arn}, "resources": ["secrets"]},
    enabled_cluster_log_types=["api", "audit", "authenticator", "controllerManager", "scheduler"],
)

pod_role = aws.iam.Role("ds-pods", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "eks-fargate-pods.amazonaws.com"},
                   "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicyAttachment("ds-pods", role=pod_role,
                             policy_arn="arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy")

for ns in namespaces:
    aws.eks.FargateProfile(ns, cluster_name=cluster.name, pod_execution_role_arn=pod_role.arn,
                           subnet_ids=private_subnets, selectors=[{"namespace": ns}])

pulumi.export("endpoint", cluster.endpoint)
