import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
vpc_id = cfg.require("vpcId")
public_subnets = cfg.require_object("publicSubnetIds")
private_subnets = cfg.require_object("privateSubnetIds")
cert_arn = cfg.get("certificateArn")
stack = pulumi.get_stack()

repo = aws.ecr.Repository("storefront", image_tag_mutability="MUTABLE",
                          image_scanning_configuration={"scan_on_push": True})

alb_sg = aws.ec2.SecurityGroup(
    "storefront-alb", vpc_id=vpc_id, description="public HTTP(S) into the storefront ALB",
    ingress=[
        {"protocol": "tcp", "from_port": 80, "to_port": 80, "cidr_blocks": ["0.0.0.0/0"], "description": "http"},
        {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"], "description": "https"},
    ],
    egress=[{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}],
)
task_sg = aws.ec2.SecurityGroup(
    "storefront-task", vpc_id=vpc_id, description="storefront tasks",
    ingress=[{"protocol": "tcp", "from_port": 8080, "to_port": 8080, "security_groups": [alb_sg.id],
              "description": "from the ALB"}],
    egress=[{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}],
)

alb = aws.lb.LoadBalancer("storefront", load_balancer_type="application", security_groups=[alb_sg.id],
                          subnets=public_subnets, drop_invalid_header_fields=stack == "prod",
                          enable_deletion_protection=stack == "prod")
tg = aws.lb.TargetGroup("storefront", port=8080, protocol="HTTP", target_type="ip", vpc_id=vpc_id,
                        health_check={"path": "/healthz", "matcher": "200"})
if cert_arn:
    aws.lb.Listener("https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS", certificate_arn=cert_arn,
                    ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06",
                    default_actions=[{"type": "forward", "target_group_arn": tg.arn}])
    aws.lb.Listener("http-redirect", load_balancer_arn=alb.arn, port=80, protocol="HTTP",
                    default_actions=[{"type": "redirect",
                                      "redirect": {"port": "443", "protocol": "HTTPS", "status_code": "HTTP_301"}}])
else:
    aws.lb.Listener("http", load_balancer_arn=alb.arn, port=80, protocol="HTTP",
                    default_actions=[{"type": "forward", "target_group_arn": tg.arn}])

logs = aws.cloudwatch.LogGroup("storefront", retention_in_days=30)
cluster = aws.ecs.Cluster("shop", settings=[{"name": "containerInsights", "value": "enabled"}])

exec_role = aws.iam.Role("storefront-exec", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                   "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicyAttachment("storefront-exec", role=exec_role.name,
                             policy_arn="arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")

container_definitions = pulumi.Output.all(repo.repository_url, logs.name).apply(lambda args: json.dumps([{
    "name": "web",
    "image": f"{args[0]}:{cfg.require('imageTag')}",
    "essential": True,
    "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
    "environment": [{"name": "STAGE", "value": stack}],
    "logConfiguration": {"logDriver": "awslogs", "options": {
        "awslogs-group": args[1], "awslogs-region": aws.config.region, "awslogs-stream-prefix": "web"}},
}]))

task = aws.ecs.TaskDefinition("storefront", family=f"storefront-{stack}", cpu="512", memory="1024",
                              network_mode="awsvpc", requires_compatibilities=["FARGATE"],
                              execution_role_arn=exec_role.arn, container_definitions=container_definitions)

aws.ecs.Service("storefront", cluster=cluster.arn, task_definition=task.arn, launch_type="FARGATE",
                desired_count=cfg.get_int("desiredCount") or 2,
                network_configuration={"subnets": private_subnets, "security_groups": [task_sg.id],
                                       "assign_public_ip": False},
                load_balancers=[{"target_group_arn": tg.arn, "container_name": "web", "container_port": 8080}])

pulumi.export("url", alb.dns_name.apply(lambda dns: f"http://{dns}"))
