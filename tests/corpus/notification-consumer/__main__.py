import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
stack = pulumi.get_stack()

dlq = aws.sqs.Queue("push-dlq", sqs_managed_sse_enabled=True, message_retention_seconds=1209600)
queue = aws.sqs.Queue("push", sqs_managed_sse_enabled=True, visibility_timeout_seconds=180,
                      redrive_policy=pulumi.Output.json_dumps({"deadLetterTargetArn": dlq.arn, "maxReceiveCount": 3}))

role = aws.iam.Role("push-sender", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicyAttachment("push-sender-sqs", role=role.name,
                             policy_arn="arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole")
aws.iam.RolePolicy("push-sender-sns", role=role.id, policy=pulumi.Output.json_dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sns:Publish",
                   "Resource": pulumi.Output.concat("arn:aws:sns:", aws.config.region, ":",
                                                    aws.get_caller_identity().account_id, ":app/APNS/*")}]}))

fn = aws.lambda_.Function(
    "push-sender", role=role.arn, runtime="python3.12", handler="push.handler", timeout=30,
    code=pulumi.AssetArchive({"push.py": pulumi.StringAsset("def handler(e, c):\n    return None\n")}),
    tracing_config={"mode": "Active"},
    logging_config={"log_format": "JSON", "application_log_level": "INFO" if stack == "prod" else "DEBUG"},
)
aws.lambda_.EventSourceMapping("push", event_source_arn=queue.arn, function_name=fn.arn,
                               batch_size=cfg.require_int("batchSize"),
                               function_response_types=["ReportBatchItemFailures"])

alarm_email = cfg.get("alarmEmail")
if alarm_email:
    alerts = aws.sns.Topic("push-alerts", kms_master_key_id="alias/aws/sns")
    aws.sns.TopicSubscription("push-alerts-oncall", topic=alerts.arn, protocol="email", endpoint=alarm_email)
    aws.cloudwatch.MetricAlarm("push-dlq-depth", comparison_operator="GreaterThanThreshold", evaluation_periods=1,
                               metric_name="ApproximateNumberOfMessagesVisible", namespace="AWS/SQS", period=300,
                               statistic="Maximum", threshold=0, dimensions={"QueueName": dlq.name},
                               alarm_actions=[alerts.arn])

pulumi.export("queueUrl", queue.url)
