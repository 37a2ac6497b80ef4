import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
account = aws.get_caller_identity().account_id
partition = aws.get_partition().partition

key = aws.kms.Key("trail", description="CloudTrail log encryption", enable_key_rotation=True, policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": f"arn:{partition}:iam::{account}:root"},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "CloudTrail", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": ["kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"},
    ]}))

bucket = aws.s3.Bucket("audit-logs", object_lock_enabled=True)
aws.s3.BucketPublicAccessBlock("audit-logs", bucket=bucket.id, block_public_acls=True, block_public_policy=True,
                               ignore_public_acls=True, restrict_public_buckets=True)
aws.s3.BucketVersioning("audit-logs", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
aws.s3.BucketServerSideEncryptionConfiguration("audit-logs", bucket=bucket.id, rules=[{
    "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key.arn},
    "bucket_key_enabled": True}])
aws.s3.BucketOwnershipControls("audit-logs", bucket=bucket.id, rule={"object_ownership": "BucketOwnerEnforced"})
aws.s3.BucketLifecycleConfiguration("audit-logs", bucket=bucket.id, rules=[{
    "id": "glacier", "status": "Enabled", "filter": {},
    "transitions": [{"days": 90, "storage_class": "GLACIER"}],
    "expiration": {"days": cfg.require_int("retentionDays")}}])
policy = aws.s3.BucketPolicy("audit-logs", bucket=bucket.id, policy=bucket.arn.apply(lambda arn: json.dumps({
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "AclCheck", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:GetBucketAcl", "Resource": arn},
        {"Sid": "Write", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:PutObject", "Resource": f"{arn}/AWSLogs/{account}/*",
         "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}},
        {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [arn, f"{arn}/*"],
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    ]})))

logs = aws.cloudwatch.LogGroup("audit-trail", retention_in_days=365, kms_key_id=key.arn)
trail_role = aws.iam.Role("audit-trail", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                   "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicy("audit-trail", role=trail_role.id, policy=logs.arn.apply(lambda arn: json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                   "Resource": f"{arn}:*"}]})))

trail = aws.cloudtrail.Trail(
    "audit", s3_bucket_name=bucket.id, kms_key_id=key.arn, is_multi_region_trail=True,
    include_global_service_events=True, enable_log_file_validation=True,
    cloud_watch_logs_group_arn=logs.arn.apply(lambda arn: f"{arn}:*"), cloud_watch_logs_role_arn=trail_role.arn,
    event_selectors=[{"read_write_type": "All", "include_management_events": True,
                      "data_resources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}]}],
    opts=pulumi.ResourceOptions(depends_on=[policy]))

pulumi.export("trailArn", trail.arn)
