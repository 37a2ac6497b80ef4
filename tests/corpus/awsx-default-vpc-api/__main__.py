"""Quick internal API: awsx defaults everywhere (default VPC, default security groups, public IPs)."""

import pulumi
import pulumi_aws as aws
import pulumi_awsx as awsx

image = pulumi.Config().require("image")

default_vpc = awsx.ec2.DefaultVpc("default")
lb = awsx.lb.ApplicationLoadBalancer("internal-api")
cluster = aws.ecs.Cluster("internal-api")

api = awsx.ecs.FargateService(
    "internal-api",
    cluster=cluster.arn,
    assign_public_ip=True,
    task_definition_args=awsx.ecs.FargateServiceTaskDefinitionArgs(
        containers={
            "api": awsx.ecs.TaskDefinitionContainerDefinitionArgs(
                name="api", image=image, cpu=256, memory=512, essential=True,
                port_mappings=[awsx.ecs.TaskDefinitionPortMappingArgs(container_port=80,
                                                                      target_group=lb.default_target_group)],
                environment=[awsx.ecs.TaskDefinitionKeyValuePairArgs(name="API_TOKEN", value="s3cr3t-token-123")],
            ),
            "sidecar": awsx.ecs.TaskDefinitionContainerDefinitionArgs(
                name="sidecar", image="public.ecr.aws/aws-observability/aws-otel-collector:latest",
                essential=False, privileged=True),
        },
    ),
)

worker_sg = aws.ec2.SecurityGroup("internal-worker", vpc_id=default_vpc.vpc_id, description="worker",
                                  ingress=[{"protocol": "tcp", "from_port": 22, "to_port": 22,
                                            "cidr_blocks": ["0.0.0.0/0"], "description": "debug ssh"}])

pulumi.export("url", lb.load_balancer.apply(lambda balancer: balancer.dns_name))
pulumi.export("subnets", default_vpc.public_subnet_ids)
