import pulumi
import pulumi_aws as aws

vpc = aws.ec2.get_vpc(default=True)

sg = aws.ec2.SecurityGroup(
    "reporting-db",
    vpc_id=vpc.id,
    ingress=[aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=3306, to_port=3306,
                                              cidr_blocks=["0.0.0.0/0"])],
)

db = aws.rds.Instance(
    "reporting",
    engine="mysql",
    engine_version="5.7",
    instance_class="db.m5.large",
    allocated_storage=200,
    username="admin",
    password="Reporting2019!",
    publicly_accessible=True,
    skip_final_snapshot=True,
    vpc_security_group_ids=[sg.id],
    backup_retention_period=0,
)

aws.rds.Snapshot("reporting-baseline", db_instance_identifier=db.identifier,
                 db_snapshot_identifier="reporting-baseline")

pulumi.export("host", db.address)
