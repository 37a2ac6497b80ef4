import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
encrypt = cfg.get_bool("encrypt") or False

key = aws.kms.Key("order-events", enable_key_rotation=True) if encrypt else None
topic = aws.sns.Topic("order-events", kms_master_key_id=key.id if key else None)

for consumer in cfg.require_object("consumers"):
    name = consumer["name"]
    dlq = aws.sqs.Queue(f"{name}-dlq", message_retention_seconds=14 * 86400,
                        sqs_managed_sse_enabled=not encrypt, kms_master_key_id=key.id if key else None)
    queue = aws.sqs.Queue(
        name,
        message_retention_seconds=consumer.get("retentionDays", 4) * 86400,
        kms_master_key_id=key.id if key else None,
        redrive_policy=dlq.arn.apply(lambda arn: json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": 5})),
    )
    aws.sqs.QueuePolicy(name, queue_url=queue.id, policy=pulumi.Output.all(queue.arn, topic.arn).apply(
        lambda a: json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
                           "Action": "sqs:SendMessage",
                           "Resource": a[0], "Condition": {"ArnEquals": {"aws:SourceArn": a[1]}}}],
        })))
    filter_policy = json.dumps({"type": consumer["filter"]}) if "filter" in consumer else None
    aws.sns.TopicSubscription(name, topic=topic.arn, protocol="sqs", endpoint=queue.arn,
                              raw_message_delivery=True, filter_policy=filter_policy)

pulumi.export("topicArn", topic.arn)
