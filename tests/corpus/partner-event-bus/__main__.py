import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
partners = cfg.require_object("partnerAccounts")

bus = aws.cloudwatch.EventBus("partners", name=f"partners-{pulumi.get_stack()}")
aws.cloudwatch.EventBusPolicy("partners", event_bus_name=bus.name, policy=bus.arn.apply(lambda arn: json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Sid": "PartnerPutEvents", "Effect": "Allow",
                   "Principal": {"AWS": [f"arn:aws:iam::{account}:root" for account in partners]},
                   "Action": "events:PutEvents", "Resource": arn}],
})))
aws.cloudwatch.EventArchive("partners", event_source_arn=bus.arn, retention_days=30)

legacy = aws.cloudwatch.EventBus("legacy-partners")
aws.cloudwatch.EventBusPolicy("legacy-partners", event_bus_name=legacy.name, policy=legacy.arn.apply(
    lambda arn: json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "Anyone", "Effect": "Allow", "Principal": "*", "Action": "events:PutEvents", "Resource": arn}]})))

for route in cfg.require_object("routes"):
    name = route["source"].split(".")[-1]
    queue = aws.sqs.Queue(f"{name}-events", sqs_managed_sse_enabled=True)
    rule = aws.cloudwatch.EventRule(name, event_bus_name=bus.name, event_pattern=json.dumps({
        "source": [route["source"]], "detail-type": [route["detailType"]]}))
    aws.cloudwatch.EventTarget(name, rule=rule.name, event_bus_name=bus.name, arn=queue.arn)
    aws.sqs.QueuePolicy(f"{name}-events", queue_url=queue.url, policy=pulumi.Output.all(queue.arn, rule.arn).apply(
        lambda a: json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sqs:SendMessage",
            "Resource": a[0], "Condition": {"ArnEquals": {"aws:SourceArn": a[1]}}}]})))

pulumi.export("busArn", bus.arn)
