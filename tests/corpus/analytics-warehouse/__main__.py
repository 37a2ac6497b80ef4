import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
production = pulumi.get_stack() == "prod"
network = pulumi.StackReference("acme/network/prod")
vpc_id = network.require_output("vpcId")
subnets = network.require_output("privateSubnetIds")

sg = aws.ec2.SecurityGroup("warehouse", vpc_id=vpc_id, description="Redshift and MSK for BI",
                           ingress=[{"protocol": "tcp", "from_port": 5439, "to_port": 5439,
                                     "cidr_blocks": ["10.0.0.0/8"], "description": "BI tools"},
                                    {"protocol": "tcp", "from_port": 9092, "to_port": 9098,
                                     "cidr_blocks": ["10.0.0.0/8"], "description": "kafka clients"}])

subnet_group = aws.redshift.SubnetGroup("warehouse", subnet_ids=subnets)
params = aws.redshift.ParameterGroup("warehouse", family="redshift-1.0", parameters=[
    {"name": "require_ssl", "value": "true" if production else "false"},
    {"name": "enable_user_activity_logging", "value": "true"},
])
key = aws.kms.Key("warehouse", enable_key_rotation=True, deletion_window_in_days=7 if not production else 30)

cluster = aws.redshift.Cluster(
    "warehouse",
    cluster_identifier=f"bi-{pulumi.get_stack()}",
    node_type=cfg.require("nodeType"),
    cluster_type="multi-node" if cfg.require_int("nodes") > 1 else "single-node",
    number_of_nodes=cfg.require_int("nodes"),
    database_name="bi",
    master_username="admin" if not production else "bi_owner",
    master_password=cfg.require_secret("adminPassword"),
    cluster_subnet_group_name=subnet_group.name,
    cluster_parameter_group_name=params.name,
    vpc_security_group_ids=[sg.id],
    encrypted=production,
    kms_key_id=key.arn if production else None,
    publicly_accessible=False,
    enhanced_vpc_routing=production,
    automated_snapshot_retention_period=7 if production else 1,
    skip_final_snapshot=not production,
    final_snapshot_identifier="bi-final" if production else None,
)
audit_bucket = cfg.get("auditBucket")
if audit_bucket:
    aws.redshift.Logging("warehouse", cluster_identifier=cluster.cluster_identifier, bucket_name=audit_bucket,
                         log_destination_type="s3", s3_key_prefix="audit/")

kafka = aws.msk.Cluster(
    "events",
    kafka_version="3.6.0",
    number_of_broker_nodes=3,
    broker_node_group_info={"instance_type": "kafka.m5.large", "client_subnets": subnets,
                            "security_groups": [sg.id], "storage_info": {"ebs_storage_info": {"volume_size": 500}}},
    encryption_info={"encryption_in_transit": {"client_broker": "TLS" if production else "TLS_PLAINTEXT",
                                               "in_cluster": True},
                     "encryption_at_rest_kms_key_arn": key.arn},
    client_authentication={"sasl": {"iam": True}, "unauthenticated": not production},
)

pulumi.export("redshiftEndpoint", cluster.endpoint)
pulumi.export("bootstrapBrokers", kafka.bootstrap_brokers_sasl_iam)
