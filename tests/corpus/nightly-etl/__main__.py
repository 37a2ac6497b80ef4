import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
script_bucket = cfg.require("scriptBucket")

glue_role = aws.iam.Role("etl-glue", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "glue.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicyAttachment("etl-glue-service", role=glue_role.name,
                             policy_arn="arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole")

security = aws.glue.SecurityConfiguration("etl", encryption_configuration={
    "cloudwatch_encryption": {"cloudwatch_encryption_mode": "DISABLED"},
    "job_bookmarks_encryption": {"job_bookmarks_encryption_mode": "DISABLED"},
    "s3_encryption": {"s3_encryption_mode": "SSE-S3"},
})

job = aws.glue.Job(
    "orders-rollup", role_arn=glue_role.arn, glue_version="4.0", worker_type="G.1X",
    number_of_workers=cfg.require_int("workers"), security_configuration=security.name,
    command={"script_location": f"s3://{script_bucket}/jobs/orders_rollup.py", "python_version": "3"},
    default_arguments={"--job-bookmark-option": "job-bookmark-enable", "--enable-metrics": "true"},
)

notify = aws.lambda_.Function(
    "etl-notify", runtime="python3.12", handler="notify.handler",
    role=aws.iam.Role("etl-notify", assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                       "Action": "sts:AssumeRole"}]})).arn,
    code=pulumi.AssetArchive({"notify.py": pulumi.StringAsset("def handler(e, c):\n    print(e)\n")}),
    reserved_concurrent_executions=1,
)

sfn_role = aws.iam.Role("etl-sfn", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicy("etl-sfn", role=sfn_role.id, policy=pulumi.Output.all(job.arn, notify.arn).apply(
    lambda a: json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["glue:StartJobRun", "glue:GetJobRun"], "Resource": a[0]},
        {"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": a[1]},
    ]})))

definition = pulumi.Output.all(job.name, notify.arn).apply(lambda a: json.dumps({
    "StartAt": "Rollup",
    "States": {
        "Rollup": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync",
                   "Parameters": {"JobName": a[0]}, "Next": "Notify"},
        "Notify": {"Type": "Task", "Resource": a[1], "End": True},
    },
}))
machine = aws.sfn.StateMachine("nightly-etl", role_arn=sfn_role.arn, definition=definition)

events_role = aws.iam.Role("etl-schedule", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicy("etl-schedule", role=events_role.id, policy=machine.arn.apply(lambda arn: json.dumps({
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "states:StartExecution", "Resource": arn}]})))
rule = aws.cloudwatch.EventRule("nightly", schedule_expression="cron(0 2 * * ? *)")
aws.cloudwatch.EventTarget("nightly", rule=rule.name, arn=machine.arn, role_arn=events_role.arn)

pulumi.export("stateMachine", machine.name)
