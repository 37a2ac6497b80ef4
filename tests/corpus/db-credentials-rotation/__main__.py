import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
initial = cfg.require_secret("initialPassword")

key = aws.kms.Key("db-credentials", description="service database credentials", enable_key_rotation=True)
aws.kms.Alias("db-credentials", name="alias/db-credentials", target_key_id=key.key_id)

rotator_role = aws.iam.Role("rotator", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicyAttachment("rotator-basic", role=rotator_role.name,
                             policy_arn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
rotator = aws.lambda_.Function(
    "rotator", role=rotator_role.arn, runtime="python3.12", handler="rotate.handler", timeout=60,
    code=pulumi.AssetArchive({"rotate.py": pulumi.StringAsset("def handler(e, c):\n    pass\n")}),
    tracing_config={"mode": "Active"}, reserved_concurrent_executions=5)
aws.lambda_.Permission("rotator-secretsmanager", function=rotator.name, action="lambda:InvokeFunction",
                       principal="secretsmanager.amazonaws.com")

secret_arns = []
for svc in cfg.require_object("services"):
    secret = aws.secretsmanager.Secret(f"{svc}-db", name=f"{pulumi.get_stack()}/{svc}/db", kms_key_id=key.arn,
                                       recovery_window_in_days=7)
    aws.secretsmanager.SecretVersion(f"{svc}-db", secret_id=secret.id, secret_string=pulumi.Output.concat(
        '{"username":"', svc, '","password":"', initial, '"}'))
    aws.secretsmanager.SecretRotation(f"{svc}-db", secret_id=secret.id, rotation_lambda_arn=rotator.arn,
                                      rotation_rules={"automatically_after_days": cfg.require_int("rotationDays")})
    secret_arns.append(secret.arn)

aws.iam.RolePolicy("rotator-secrets", role=rotator_role.id, policy=pulumi.Output.all(key.arn, *secret_arns).apply(
    lambda arns: json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue",
                                       "secretsmanager:UpdateSecretVersionStage",
                                       "secretsmanager:DescribeSecret"], "Resource": arns[1:]},
        {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": arns[0]},
    ]})))
