"""An app team's stack on multi-language components: awsx (VPC, Fargate, ALB) and aws-apigateway."""

import pulumi
import pulumi_aws as aws
import pulumi_aws_apigateway as apigateway
import pulumi_awsx as awsx

vpc = awsx.ec2.Vpc("app", cidr_block="10.30.0.0/16", number_of_availability_zones=2,
                   nat_gateways=awsx.ec2.NatGatewayConfigurationArgs(strategy=awsx.ec2.NatGatewayStrategy.SINGLE))
cluster = aws.ecs.Cluster("app")
alb = awsx.lb.ApplicationLoadBalancer("web", subnet_ids=vpc.public_subnet_ids)
service = awsx.ecs.FargateService(
    "api",
    cluster=cluster.arn,
    network_configuration=aws.ecs.ServiceNetworkConfigurationArgs(subnets=vpc.private_subnet_ids,
                                                                  assign_public_ip=False),
    task_definition_args=awsx.ecs.FargateServiceTaskDefinitionArgs(
        container=awsx.ecs.TaskDefinitionContainerDefinitionArgs(name="api", image="nginx:1.27", essential=True,
                                                                 cpu=256, memory=512)),
)
worker = awsx.ecs.FargateService(  # no network configuration: awsx opens a security group to the world
    "worker", cluster=cluster.arn, assign_public_ip=True,
    task_definition_args=awsx.ecs.FargateServiceTaskDefinitionArgs(
        container=awsx.ecs.TaskDefinitionContainerDefinitionArgs(name="worker", image="busybox", essential=True)),
)
api = apigateway.RestAPI("public", routes=[apigateway.RouteArgs(path="/", method=apigateway.Method.GET,
                                                                  event_handler=None)])

# What app teams chain on: these must be shaped like the SDK's outputs, not echo the inputs.
pulumi.export("vpcId", vpc.vpc_id)
pulumi.export("natGateways", vpc.nat_gateways.apply(len))
pulumi.export("privateSubnetClasses", vpc.private_subnets.apply(lambda subnets: [type(s).__name__ for s in subnets]))
pulumi.export("serviceName", service.service.apply(lambda s: s.name))
pulumi.export("lbArn", alb.load_balancer.apply(lambda lb: lb.arn))
pulumi.export("apiUrl", api.url)
