import pulumi
import pulumi_aws as aws
import pulumi_awsx as awsx

cidr = pulumi.Config().require("cidr")

vpc = awsx.ec2.Vpc(
    "team",
    cidr_block=cidr,
    number_of_availability_zones=3,
    subnet_specs=[
        awsx.ec2.SubnetSpecArgs(type=awsx.ec2.SubnetType.PUBLIC, cidr_mask=24, name="edge"),
        awsx.ec2.SubnetSpecArgs(type=awsx.ec2.SubnetType.PRIVATE, cidr_mask=20, name="app"),
        awsx.ec2.SubnetSpecArgs(type=awsx.ec2.SubnetType.ISOLATED, cidr_mask=24, name="data"),
    ],
    nat_gateways=awsx.ec2.NatGatewayConfigurationArgs(strategy=awsx.ec2.NatGatewayStrategy.SINGLE),
    vpc_endpoint_specs=[
        awsx.ec2.VpcEndpointSpecArgs(service_name="com.amazonaws.us-east-1.s3"),
        awsx.ec2.VpcEndpointSpecArgs(service_name="com.amazonaws.us-east-1.secretsmanager",
                                     vpc_endpoint_type="Interface", private_dns_enabled=True),
    ],
    enable_dns_hostnames=True,
)

flow_logs = aws.cloudwatch.LogGroup("team-flow-logs", retention_in_days=365)
flow_role = aws.iam.Role("team-flow-logs", assume_role_policy=aws.iam.get_policy_document(statements=[{
    "actions": ["sts:AssumeRole"],
    "principals": [{"type": "Service", "identifiers": ["vpc-flow-logs.amazonaws.com"]}]}]).json)
aws.ec2.FlowLog("team", vpc_id=vpc.vpc_id, traffic_type="ALL", log_destination=flow_logs.arn,
                iam_role_arn=flow_role.arn)

db_subnets = aws.rds.SubnetGroup("team-db", subnet_ids=vpc.isolated_subnet_ids)
db_sg = aws.ec2.SecurityGroup("team-db", vpc_id=vpc.vpc_id, description="postgres from the app subnets",
                              ingress=[{"protocol": "tcp", "from_port": 5432, "to_port": 5432,
                                        "cidr_blocks": [cidr], "description": "postgres"}])
db = aws.rds.Instance(
    "team",
    engine="postgres",
    engine_version="16.3",
    instance_class="db.t4g.medium",
    allocated_storage=50,
    db_subnet_group_name=db_subnets.name,
    vpc_security_group_ids=[db_sg.id],
    username="teamadmin",
    manage_master_user_password=True,
    storage_encrypted=True,
    backup_retention_period=7,
    multi_az=False,
    skip_final_snapshot=True,
)

pulumi.export("vpcId", vpc.vpc_id)
pulumi.export("privateSubnetIds", vpc.private_subnet_ids)
pulumi.export("dbEndpoint", db.endpoint)
