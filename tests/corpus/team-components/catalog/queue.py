import json

import pulumi
import pulumi_aws as aws


class QueueWithDeadLetter(pulumi.ComponentResource):
    """A work queue and its dead-letter queue; messages move after ``max_receives`` failed attempts."""

    def __init__(self, name: str, *, max_receives: int = 5, kms_key_id: pulumi.Input[str] | None = None,
                 opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("catalog:messaging:QueueWithDeadLetter", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.dead_letter = aws.sqs.Queue(f"{name}-dlq", message_retention_seconds=1209600,
                                         kms_master_key_id=kms_key_id, opts=child)
        self.queue = aws.sqs.Queue(name, kms_master_key_id=kms_key_id, visibility_timeout_seconds=120,
                                   redrive_policy=self.dead_letter.arn.apply(lambda arn: json.dumps(
                                       {"deadLetterTargetArn": arn, "maxReceiveCount": max_receives})),
                                   opts=child)
        self.register_outputs({"url": self.queue.url, "deadLetterUrl": self.dead_letter.url})
