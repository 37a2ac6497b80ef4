import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
network = pulumi.StackReference(cfg.require("networkStack"))
vpc_id = network.require_output("vpcId")
subnet_ids = network.require_output("privateSubnetIds")
shared = pulumi.StackReference("acme/shared-services/prod")
kms_key_arn = shared.get_output("dataKeyArn")

fn_sg = aws.ec2.SecurityGroup("payments-fn", vpc_id=vpc_id, description="payments processor",
                              egress=[{"protocol": "tcp", "from_port": 443, "to_port": 443,
                                       "cidr_blocks": ["0.0.0.0/0"], "description": "HTTPS to the PSP"}])

role = aws.iam.Role("payments-fn", assume_role_policy=aws.iam.get_policy_document(statements=[{
    "actions": ["sts:AssumeRole"], "principals": [{"type": "Service", "identifiers": ["lambda.amazonaws.com"]}],
}]).json)
aws.iam.RolePolicyAttachment("payments-fn-vpc", role=role.name,
                             policy_arn="arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole")

dlq = aws.sqs.Queue("payments-fn-dlq", kms_master_key_id=kms_key_arn)
ledger = aws.dynamodb.Table("ledger", hash_key="txn", attributes=[{"name": "txn", "type": "S"}],
                            billing_mode="PAY_PER_REQUEST", deletion_protection_enabled=True,
                            point_in_time_recovery={"enabled": True},
                            server_side_encryption={"enabled": True, "kms_key_arn": kms_key_arn})

policy = aws.iam.get_policy_document_output(statements=[
    {"actions": ["dynamodb:PutItem", "dynamodb:GetItem"], "resources": [ledger.arn]},
    {"actions": ["sqs:SendMessage"], "resources": [dlq.arn]},
    {"actions": ["kms:Decrypt", "kms:GenerateDataKey"], "resources": [kms_key_arn]},
])
aws.iam.RolePolicy("payments-fn", role=role.name, policy=policy.json)

fn = aws.lambda_.Function(
    "payments",
    role=role.arn,
    runtime="python3.12",
    handler="payments.handler",
    code=pulumi.FileArchive("./src"),
    timeout=30,
    kms_key_arn=kms_key_arn,
    reserved_concurrent_executions=cfg.get_int("reservedConcurrency") or -1,
    vpc_config={"subnet_ids": subnet_ids, "security_group_ids": [fn_sg.id]},
    dead_letter_config={"target_arn": dlq.arn},
    tracing_config={"mode": "Active"},
    environment={"variables": {"LEDGER_TABLE": "ledger"}},
)
aws.cloudwatch.LogGroup("payments-fn", name=fn.name.apply(lambda n: f"/aws/lambda/{n}"), retention_in_days=400,
                        kms_key_id=kms_key_arn)

pulumi.export("functionArn", fn.arn)
