"""The platform team's EKS cluster; app teams get node groups through config."""

import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
subnet_ids = cfg.require_object("subnetIds")
kms_key_arn = cfg.get("kmsKeyArn")


def service_role(name: str, service: str, managed: list[str]) -> aws.iam.Role:
    role = aws.iam.Role(name, assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}))
    for policy in managed:
        aws.iam.RolePolicyAttachment(f"{name}-{policy.split('/')[-1]}", role=role.name,
                                     policy_arn=f"arn:aws:iam::aws:policy/{policy}")
    return role


cluster_role = service_role("eks-cluster", "eks.amazonaws.com", ["AmazonEKSClusterPolicy"])
node_role = service_role("eks-nodes", "ec2.amazonaws.com", [
    "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"])

cluster = aws.eks.Cluster(
    "platform",
    role_arn=cluster_role.arn,
    version="1.30",
    vpc_config=aws.eks.ClusterVpcConfigArgs(
        subnet_ids=subnet_ids,
        endpoint_private_access=True,
        endpoint_public_access=cfg.require_bool("publicEndpoint"),
    ),
    enabled_cluster_log_types=["api", "audit"] if kms_key_arn else [],
    encryption_config=aws.eks.ClusterEncryptionConfigArgs(
        provider=aws.eks.ClusterEncryptionConfigProviderArgs(key_arn=kms_key_arn), resources=["secrets"])
    if kms_key_arn else None,
    access_config=aws.eks.ClusterAccessConfigArgs(authentication_mode="API"),
)

for group in cfg.require_object("nodeGroups"):
    aws.eks.NodeGroup(
        group["name"],
        cluster_name=cluster.name,
        node_role_arn=node_role.arn,
        subnet_ids=subnet_ids,
        instance_types=[group["instanceType"]],
        capacity_type="SPOT" if group.get("spot") else "ON_DEMAND",
        scaling_config=aws.eks.NodeGroupScalingConfigArgs(
            min_size=group["min"], max_size=group["max"], desired_size=max(group["min"], 1)),
        labels={"workload": group["name"]},
    )

aws.eks.Addon("vpc-cni", cluster_name=cluster.name, addon_name="vpc-cni")
aws.eks.Addon("coredns", cluster_name=cluster.name, addon_name="coredns")

kubeconfig = pulumi.Output.all(cluster.name, cluster.endpoint, cluster.certificate_authority.data).apply(
    lambda a: json.dumps({"cluster": a[0], "server": a[1], "ca": a[2]}))
pulumi.export("kubeconfig", pulumi.Output.secret(kubeconfig))
