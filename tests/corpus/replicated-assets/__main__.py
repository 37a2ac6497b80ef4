import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
west = aws.Provider("west", region=cfg.require("replicaRegion"))


def private_bucket(name: str, opts: pulumi.ResourceOptions | None = None) -> aws.s3.Bucket:
    bucket = aws.s3.Bucket(name, opts=opts)
    aws.s3.BucketVersioning(name, bucket=bucket.id, versioning_configuration={"status": "Enabled"}, opts=opts)
    aws.s3.BucketPublicAccessBlock(name, bucket=bucket.id, block_public_acls=True, block_public_policy=True,
                                   ignore_public_acls=True, restrict_public_buckets=True, opts=opts)
    aws.s3.BucketServerSideEncryptionConfiguration(name, bucket=bucket.id, rules=[{
        "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms"}, "bucket_key_enabled": True}],
        opts=opts)
    return bucket


source = private_bucket("assets")
replica = private_bucket("assets-replica", pulumi.ResourceOptions(provider=west))

role = aws.iam.Role("assets-replication", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicy("assets-replication", role=role.id, policy=pulumi.Output.all(source.arn, replica.arn).apply(
    lambda a: json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetReplicationConfiguration", "s3:ListBucket"], "Resource": a[0]},
        {"Effect": "Allow", "Action": ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl"],
         "Resource": f"{a[0]}/*"},
        {"Effect": "Allow", "Action": ["s3:ReplicateObject", "s3:ReplicateDelete"], "Resource": f"{a[1]}/*"},
    ]})))

aws.s3.BucketReplicationConfig("assets", bucket=source.id, role=role.arn, rules=[{
    "id": "all", "status": "Enabled", "filter": {}, "delete_marker_replication": {"status": "Enabled"},
    "destination": {"bucket": replica.arn, "storage_class": "STANDARD_IA"}}])

table = aws.dynamodb.Table("asset-index", hash_key="key", billing_mode="PAY_PER_REQUEST",
                           attributes=[{"name": "key", "type": "S"}], stream_enabled=True,
                           stream_view_type="NEW_AND_OLD_IMAGES", point_in_time_recovery={"enabled": True},
                           replicas=[{"region_name": cfg.require("replicaRegion"), "point_in_time_recovery": True}])

pulumi.export("replicaBucket", replica.bucket)
