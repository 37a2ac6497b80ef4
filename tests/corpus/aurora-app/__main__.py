import pulumi
import pulumi_aws as aws
from billing import BillingDatabase

cfg = pulumi.Config()
network = pulumi.StackReference("acme/network/prod")
vpc_id = network.require_output("vpcId")

app_sg = aws.ec2.SecurityGroup("billing-app", vpc_id=vpc_id, description="billing app tasks",
                               egress=[{"protocol": "tcp", "from_port": 5432, "to_port": 5432,
                                        "cidr_blocks": ["10.0.0.0/8"], "description": "to the database"}])

db = BillingDatabase(
    "billing",
    vpc_id=vpc_id,
    subnet_ids=network.require_output("privateSubnetIds"),
    app_security_group_id=app_sg.id,
    password=cfg.require_secret("dbPassword"),
    instances=cfg.require_int("instances"),
    instance_class=cfg.require("instanceClass"),
    deletion_protection=cfg.get_bool("deletionProtection") or False,
)

pulumi.export("endpoint", db.cluster.endpoint)
pulumi.export("secretArn", db.secret.arn)
