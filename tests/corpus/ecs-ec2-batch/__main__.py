import base64
import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
ami_id = aws.ssm.get_parameter(name="/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended/image_id").value

cluster = aws.ecs.Cluster("batch", settings=[{"name": "containerInsights", "value": "enabled"}])

instance_role = aws.iam.Role("batch-instance", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicyAttachment("batch-instance-ecs", role=instance_role,
                             policy_arn="arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role")
aws.iam.RolePolicyAttachment("batch-instance-ssm", role=instance_role,
                             policy_arn="arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")
profile = aws.iam.InstanceProfile("batch-instance", role=instance_role.name)

sg = aws.ec2.SecurityGroup("batch-instances", vpc_id=cfg.require("vpcId"), description="batch hosts, egress only",
                           egress=[{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"],
                                    "description": "image pulls and S3"}])

user_data = cluster.name.apply(lambda name: base64.b64encode(
    f"#!/bin/bash\necho ECS_CLUSTER={name} >> /etc/ecs/ecs.config\n".encode()).decode())
template = aws.ec2.LaunchTemplate(
    "batch", image_id=ami_id, instance_type=cfg.require("instanceType"), user_data=user_data,
    iam_instance_profile={"arn": profile.arn}, vpc_security_group_ids=[sg.id],
    metadata_options={"http_tokens": "required", "http_put_response_hop_limit": 2},
    block_device_mappings=[{"device_name": "/dev/xvda", "ebs": {"volume_size": 200, "volume_type": "gp3",
                                                                 "encrypted": "true"}}],
)
group = aws.autoscaling.Group("batch", min_size=0, max_size=cfg.require_int("maxInstances"),
                              vpc_zone_identifiers=cfg.require_object("subnetIds"), protect_from_scale_in=True,
                              launch_template={"id": template.id, "version": "$Latest"},
                              tags=[{"key": "AmazonECSManaged", "value": "true", "propagate_at_launch": True}])
provider = aws.ecs.CapacityProvider("batch", auto_scaling_group_provider={
    "auto_scaling_group_arn": group.arn, "managed_termination_protection": "ENABLED",
    "managed_scaling": {"status": "ENABLED", "target_capacity": 100}})
aws.ecs.ClusterCapacityProviders("batch", cluster_name=cluster.name, capacity_providers=[provider.name])

logs = aws.cloudwatch.LogGroup("batch-jobs", retention_in_days=14)
aws.ecs.TaskDefinition(
    "train", family="train", requires_compatibilities=["EC2"], network_mode="host",
    container_definitions=logs.name.apply(lambda group_name: json.dumps([{
        "name": "train", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/ml/train:2024.06",
        "memory": 14000, "essential": True, "privileged": True, "user": "0",
        "resourceRequirements": [{"type": "GPU", "value": "1"}],
        "logConfiguration": {"logDriver": "awslogs", "options": {
            "awslogs-group": group_name, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "train"}},
    }])),
)
