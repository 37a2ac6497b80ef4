import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
replicas = cfg.require_int("replicas")
auth_token = cfg.get_secret("authToken")
net = pulumi.StackReference(f"acme/network/{pulumi.get_stack()}")

cache_sg = aws.ec2.SecurityGroup("sessions", vpc_id=net.require_output("vpcId"), description="redis sessions")
aws.vpc.SecurityGroupIngressRule("sessions-from-vpc", security_group_id=cache_sg.id, ip_protocol="tcp",
                                 from_port=6379, to_port=6379, cidr_ipv4=net.require_output("vpcCidr"),
                                 description="redis from inside the VPC")

subnets = aws.elasticache.SubnetGroup("sessions", subnet_ids=net.require_output("privateSubnetIds"))

production = auth_token is not None
group = aws.elasticache.ReplicationGroup(
    "sessions",
    description="web sessions",
    engine="redis",
    engine_version="7.1",
    node_type=cfg.require("nodeType"),
    num_cache_clusters=1 + replicas,
    automatic_failover_enabled=replicas > 0,
    multi_az_enabled=replicas > 0,
    subnet_group_name=subnets.name,
    security_group_ids=[cache_sg.id],
    at_rest_encryption_enabled=production,
    transit_encryption_enabled=production,
    auth_token=auth_token,
    snapshot_retention_limit=7 if production else 0,
    auto_minor_version_upgrade=True,
)

pulumi.export("primaryEndpoint", group.primary_endpoint_address)
