import json

import pulumi
import pulumi_aws as aws

image = pulumi.Config().require("image")
default_vpc = aws.ec2.get_vpc(default=True)
subnets = aws.ec2.get_subnets(filters=[aws.ec2.GetSubnetsFilterArgs(name="vpc-id", values=[default_vpc.id])])

jobs = aws.sqs.Queue("report-jobs", visibility_timeout_seconds=900)

task_role = aws.iam.Role("report-worker", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                   "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicy("report-worker", role=task_role.id, policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["sqs:*", "s3:*"], "Resource": "*"}]}))

sg = aws.ec2.SecurityGroup("report-worker", vpc_id=default_vpc.id,
                           egress=[{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}])

cluster = aws.ecs.Cluster("reports")
task = aws.ecs.TaskDefinition(
    "report-worker", family="report-worker", cpu="1024", memory="2048", network_mode="awsvpc",
    requires_compatibilities=["FARGATE"], task_role_arn=task_role.arn,
    container_definitions=jobs.url.apply(lambda url: json.dumps([{
        "name": "worker", "image": image, "essential": True, "privileged": False,
        "environment": [{"name": "QUEUE_URL", "value": url}, {"name": "DB_PASSWORD", "value": "reports123"}],
    }])),
)
aws.ecs.Service("report-worker", cluster=cluster.id, task_definition=task.arn, desired_count=2, launch_type="FARGATE",
                network_configuration=aws.ecs.ServiceNetworkConfigurationArgs(
                    subnets=subnets.ids, security_groups=[sg.id], assign_public_ip=True))
