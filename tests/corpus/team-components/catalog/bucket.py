"""A bucket with the team's defaults: private, encrypted, TLS only."""

import json

import pulumi
import pulumi_aws as aws


class ServiceBucket(pulumi.ComponentResource):
    def __init__(self, name: str, *, versioned: bool, expire_days: int | None = None, object_lock: bool = False,
                 kms_key_arn: pulumi.Input[str] | None = None, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("catalog:storage:ServiceBucket", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.bucket = aws.s3.Bucket(name, object_lock_enabled=object_lock or None, opts=child)
        aws.s3.BucketPublicAccessBlock(name, bucket=self.bucket.id, block_public_acls=True, block_public_policy=True,
                                       ignore_public_acls=True, restrict_public_buckets=True, opts=child)
        aws.s3.BucketServerSideEncryptionConfiguration(name, bucket=self.bucket.id, rules=[{
            "apply_server_side_encryption_by_default": {
                "sse_algorithm": "aws:kms" if kms_key_arn else "AES256", "kms_master_key_id": kms_key_arn}}],
            opts=child)
        aws.s3.BucketVersioning(name, bucket=self.bucket.id, versioning_configuration={
            "status": "Enabled" if versioned else "Suspended"}, opts=child)
        if expire_days:
            aws.s3.BucketLifecycleConfiguration(name, bucket=self.bucket.id, rules=[{
                "id": "expire", "status": "Enabled", "filter": {}, "expiration": {"days": expire_days}}],
                opts=child)
        aws.s3.BucketPolicy(name, bucket=self.bucket.id, policy=self.bucket.arn.apply(lambda arn: json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                           "Resource": [arn, f"{arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}],
        })), opts=child)
        self.register_outputs({"bucket": self.bucket.bucket})
