import pulumi
import pulumi_aws as aws
from catalog import QueueWithDeadLetter, ServiceBucket

cfg = pulumi.Config()
key = aws.kms.Key("catalog", enable_key_rotation=True, description="catalog data") if cfg.get_bool("kmsKey") else None

buckets = {
    spec["name"]: ServiceBucket(spec["name"], versioned=spec["versioned"], expire_days=spec.get("expireDays"),
                                object_lock=spec.get("objectLock", False), kms_key_arn=key.arn if key else None)
    for spec in cfg.require_object("buckets")
}
queues = [QueueWithDeadLetter(q, kms_key_id=key.key_id if key else None) for q in cfg.require_object("queues")]

pulumi.export("buckets", {name: b.bucket.bucket for name, b in buckets.items()})
pulumi.export("queues", [q.queue.url for q in queues])
