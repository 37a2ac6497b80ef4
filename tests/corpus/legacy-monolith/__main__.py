import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
vpc = aws.ec2.get_vpc(default=True)
subnets = aws.ec2.get_subnets(filters=[{"name": "vpc-id", "values": [vpc.id]}])
azs = aws.get_availability_zones(state="available")
ami = aws.ec2.get_ami(most_recent=True, owners=["self"], filters=[{"name": "name", "values": ["monolith-*"]}])

web_sg = aws.ec2.SecurityGroup("monolith-web", vpc_id=vpc.id, description="monolith hosts",
                               ingress=[{"protocol": "tcp", "from_port": 8080, "to_port": 8080,
                                         "cidr_blocks": ["0.0.0.0/0"], "description": "app"},
                                        {"protocol": "tcp", "from_port": 3389, "to_port": 3389,
                                         "cidr_blocks": ["0.0.0.0/0"], "description": "rdp for the vendor"}])

elb = aws.elb.LoadBalancer(
    "monolith",
    availability_zones=azs.names[:2],
    listeners=[{"instance_port": 8080, "instance_protocol": "http", "lb_port": 80, "lb_protocol": "http"}],
    health_check={"target": "HTTP:8080/ping", "healthy_threshold": 2, "unhealthy_threshold": 2, "timeout": 5,
                  "interval": 30},
    cross_zone_load_balancing=False,
    connection_draining=False,
)

config = aws.ec2.LaunchConfiguration("monolith", image_id=ami.id, instance_type="m5.xlarge",
                                     security_groups=[web_sg.id], associate_public_ip_address=True,
                                     user_data="#!/bin/bash\nexport DB_PASSWORD=monolith2015\n/opt/monolith/start\n")
aws.autoscaling.Group("monolith", launch_configuration=config.name, min_size=2, max_size=4,
                      vpc_zone_identifiers=subnets.ids, load_balancers=[elb.name], health_check_type="ELB")

aws.mq.Broker("monolith-jobs", broker_name="monolith-jobs", engine_type="ActiveMQ", engine_version="5.17.6",
              host_instance_type="mq.m5.large", publicly_accessible=True, auto_minor_version_upgrade=False,
              security_groups=[web_sg.id], subnet_ids=subnets.ids[:1],
              users=[{"username": "monolith", "password": cfg.require_secret("mqPassword")}])

pulumi.export("url", elb.dns_name)
