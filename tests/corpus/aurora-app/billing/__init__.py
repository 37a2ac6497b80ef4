"""The billing team's database tier: one cluster, its network boundary and its credentials."""

import json

import pulumi
import pulumi_aws as aws


class BillingDatabase(pulumi.ComponentResource):
    def __init__(self, name: str, *, vpc_id: pulumi.Input[str], subnet_ids: pulumi.Input[list[str]],
                 app_security_group_id: pulumi.Input[str], password: pulumi.Input[str], instances: int,
                 instance_class: str, deletion_protection: bool, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("acme:billing:Database", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        self.security_group = aws.ec2.SecurityGroup(
            f"{name}-db", vpc_id=vpc_id, description="billing database", opts=child)
        aws.vpc.SecurityGroupIngressRule(
            f"{name}-db-from-app", security_group_id=self.security_group.id,
            referenced_security_group_id=app_security_group_id, ip_protocol="tcp", from_port=5432, to_port=5432,
            description="postgres from the billing app", opts=child)

        subnets = aws.rds.SubnetGroup(f"{name}-db", subnet_ids=subnet_ids, opts=child)
        key = aws.kms.Key(f"{name}-db", description="billing database storage", enable_key_rotation=True,
                          opts=child)

        self.secret = aws.secretsmanager.Secret(f"{name}-db-credentials", kms_key_id=key.arn, opts=child)
        aws.secretsmanager.SecretVersion(
            f"{name}-db-credentials", secret_id=self.secret.id,
            secret_string=pulumi.Output.secret(pulumi.Output.from_input(password).apply(
                lambda pw: json.dumps({"username": "billing", "password": pw}))),
            opts=child)

        self.cluster = aws.rds.Cluster(
            name, engine="aurora-postgresql", engine_version="15.4", database_name="billing",
            master_username="billing", master_password=password, db_subnet_group_name=subnets.name,
            vpc_security_group_ids=[self.security_group.id], storage_encrypted=True, kms_key_id=key.arn,
            backup_retention_period=14 if deletion_protection else 1, deletion_protection=deletion_protection,
            skip_final_snapshot=not deletion_protection, iam_database_authentication_enabled=True,
            enabled_cloudwatch_logs_exports=["postgresql"], copy_tags_to_snapshot=True, opts=child)
        for i in range(instances):
            aws.rds.ClusterInstance(f"{name}-{i}", cluster_identifier=self.cluster.id, instance_class=instance_class,
                                    engine="aurora-postgresql", db_subnet_group_name=subnets.name,
                                    auto_minor_version_upgrade=True, performance_insights_enabled=True,
                                    opts=child)
        self.register_outputs({"endpoint": self.cluster.endpoint})
