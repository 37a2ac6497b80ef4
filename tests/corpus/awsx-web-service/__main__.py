import pulumi
import pulumi_aws as aws
import pulumi_awsx as awsx

cfg = pulumi.Config()
Nat = awsx.ec2.NatGatewayStrategy
nat = Nat.ONE_PER_AZ if cfg.get_bool("highlyAvailableNat") else Nat.SINGLE

vpc = awsx.ec2.Vpc(
    "checkout",
    cidr_block=cfg.require("cidr"),
    number_of_availability_zones=cfg.require_int("azs"),
    nat_gateways=awsx.ec2.NatGatewayConfigurationArgs(strategy=nat),
    subnet_strategy=awsx.ec2.SubnetAllocationStrategy.AUTO,
)

lb = awsx.lb.ApplicationLoadBalancer(
    "checkout",
    subnet_ids=vpc.public_subnet_ids,
    default_target_group=awsx.lb.TargetGroupArgs(port=8080, protocol="HTTP", target_type="ip",
                                                 vpc_id=vpc.vpc_id,
                                                 health_check={"path": "/health"}),
)

cluster = aws.ecs.Cluster("checkout", settings=[{"name": "containerInsights", "value": "enabled"}])
service_sg = aws.ec2.SecurityGroup("checkout-svc", vpc_id=vpc.vpc_id, description="checkout tasks",
                                   ingress=[{"protocol": "tcp", "from_port": 8080, "to_port": 8080,
                                             "cidr_blocks": [cfg.require("cidr")], "description": "from the VPC"}],
                                   egress=[{"protocol": "-1", "from_port": 0, "to_port": 0,
                                            "cidr_blocks": ["0.0.0.0/0"], "description": "all out"}])

service = awsx.ecs.FargateService(
    "checkout",
    cluster=cluster.arn,
    desired_count=cfg.require_int("desiredCount"),
    network_configuration=aws.ecs.ServiceNetworkConfigurationArgs(
        subnets=vpc.private_subnet_ids, security_groups=[service_sg.id], assign_public_ip=False),
    task_definition_args=awsx.ecs.FargateServiceTaskDefinitionArgs(
        container=awsx.ecs.TaskDefinitionContainerDefinitionArgs(
            name="checkout",
            image="ghcr.io/acme/checkout:2.3.1",
            cpu=512,
            memory=1024,
            essential=True,
            port_mappings=[awsx.ecs.TaskDefinitionPortMappingArgs(
                container_port=8080, target_group=lb.default_target_group)],
            environment=[awsx.ecs.TaskDefinitionKeyValuePairArgs(name="STAGE", value=pulumi.get_stack())],
        ),
    ),
)

pulumi.export("url", lb.load_balancer.apply(lambda balancer: balancer.dns_name))
pulumi.export("vpcId", vpc.vpc_id)
