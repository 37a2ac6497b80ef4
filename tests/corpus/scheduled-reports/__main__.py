import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
recipients = cfg.require_object("recipients")
report_api_key = aws.ssm.get_parameter(name="/finance/reporting/api-key", with_decryption=True)

reports = aws.s3.Bucket("finance-reports")
aws.s3.BucketPublicAccessBlock("finance-reports", bucket=reports.id, block_public_acls=True,
                               block_public_policy=True, ignore_public_acls=True, restrict_public_buckets=True)
aws.s3.BucketLifecycleConfiguration("finance-reports", bucket=reports.id, rules=[{
    "id": "expire-old", "status": "Enabled", "filter": {"prefix": "weekly/"}, "expiration": {"days": 90}}])

aws.ses.EmailIdentity("sender", email=cfg.require("sender"))

role = aws.iam.Role("weekly-report", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicy("weekly-report", role=role.id, policy=reports.arn.apply(lambda arn: json.dumps({
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": ["s3:PutObject"], "Resource": f"{arn}/weekly/*"},
        {"Effect": "Allow", "Action": ["ses:SendEmail", "ses:SendRawEmail"], "Resource": "*"},
        {"Effect": "Allow", "Action": ["logs:*"], "Resource": "*"},
    ]})))

fn = aws.lambda_.Function(
    "weekly-report", role=role.arn, runtime="python3.11", handler="report.handler", timeout=300,
    code=pulumi.AssetArchive({"report.py": pulumi.StringAsset("def handler(e, c):\n    pass\n")}),
    environment={"variables": {
        "BUCKET": reports.bucket,
        "RECIPIENTS": ",".join(recipients),
        "REPORT_API_KEY": report_api_key.value,
    }},
)

rule = aws.cloudwatch.EventRule("weekly-report", schedule_expression="cron(0 6 ? * MON *)",
                                description="Monday 06:00 UTC finance report")
aws.cloudwatch.EventTarget("weekly-report", rule=rule.name, arn=fn.arn)
aws.lambda_.Permission("weekly-report-events", function=fn.name, action="lambda:InvokeFunction",
                       principal="events.amazonaws.com", source_arn=rule.arn)
