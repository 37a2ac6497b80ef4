"""Resource policies of the organization's shared stores: plain dicts from plain ids (no pulumi import)."""

from __future__ import annotations

from typing import Any

#: Services that deliver into the central archive from every account of the organization.
DELIVERY_SERVICES = ("config.amazonaws.com", "delivery.logs.amazonaws.com",
                     "logdelivery.elasticloadbalancing.amazonaws.com")


def _deny_insecure(resource: list[str], action: str) -> dict[str, Any]:
    return {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": action,
            "Resource": resource, "Condition": {"Bool": {"aws:SecureTransport": "false"}}}


def archive_bucket_policy(bucket_arn: str, org_id: str, management_id: str, partition: str = "aws") -> dict[str, Any]:
    """The organization trail, and Config / flow-log / ELB deliveries of any account of the organization."""
    objects = f"{bucket_arn}/*"
    trail_arn = f"arn:{partition}:cloudtrail:*:{management_id}:trail/*"
    return {"Version": "2012-10-17", "Statement": [
        _deny_insecure([bucket_arn, objects], "s3:*"),
        {"Sid": "CloudTrailAclCheck", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:GetBucketAcl", "Resource": bucket_arn,
         "Condition": {"ArnLike": {"aws:SourceArn": trail_arn}}},
        {"Sid": "OrganizationTrailWrites", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:PutObject",
         "Resource": [f"{bucket_arn}/AWSLogs/{management_id}/*", f"{bucket_arn}/AWSLogs/{org_id}/*"],
         "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"},
                       "ArnLike": {"aws:SourceArn": trail_arn}}},
        {"Sid": "OrganizationDeliveriesAclCheck", "Effect": "Allow",
         "Principal": {"Service": list(DELIVERY_SERVICES)}, "Action": ["s3:GetBucketAcl", "s3:ListBucket"],
         "Resource": bucket_arn, "Condition": {"StringEquals": {"aws:SourceOrgID": org_id}}},
        {"Sid": "OrganizationDeliveriesWrite", "Effect": "Allow",
         "Principal": {"Service": list(DELIVERY_SERVICES)}, "Action": "s3:PutObject",
         "Resource": f"{bucket_arn}/AWSLogs/*",
         "Condition": {"StringEquals": {"aws:SourceOrgID": org_id, "s3:x-amz-acl": "bucket-owner-full-control"}}},
    ]}


def access_log_bucket_policy(bucket_arn: str, source_account: str) -> dict[str, Any]:
    """S3 server access logs of the account's own buckets; nothing over plain HTTP."""
    return {"Version": "2012-10-17", "Statement": [
        _deny_insecure([bucket_arn, f"{bucket_arn}/*"], "s3:*"),
        {"Sid": "S3ServerAccessLogs", "Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"},
         "Action": "s3:PutObject", "Resource": f"{bucket_arn}/*",
         "Condition": {"StringEquals": {"aws:SourceAccount": source_account}}},
    ]}


def tls_only_bucket_policy(bucket_arn: str) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": [_deny_insecure([bucket_arn, f"{bucket_arn}/*"], "s3:*")]}


def logs_key_policy(audit_id: str, org_id: str, management_id: str, partition: str = "aws") -> dict[str, Any]:
    """The audit account administers the key; the trail and the organization's deliveries encrypt with it."""
    return {"Version": "2012-10-17", "Statement": [
        {"Sid": "AuditAccountAdministers", "Effect": "Allow",
         "Principal": {"AWS": f"arn:{partition}:iam::{audit_id}:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "OrganizationTrailEncrypts", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": ["kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*",
         "Condition": {"StringLike": {
             "kms:EncryptionContext:aws:cloudtrail:arn": f"arn:{partition}:cloudtrail:*:{management_id}:trail/*"}}},
        {"Sid": "OrganizationDeliveriesEncrypt", "Effect": "Allow",
         "Principal": {"Service": [*DELIVERY_SERVICES, "events.amazonaws.com", "cloudwatch.amazonaws.com"]},
         "Action": ["kms:GenerateDataKey*", "kms:Decrypt", "kms:DescribeKey"], "Resource": "*",
         "Condition": {"StringEquals": {"aws:SourceOrgID": org_id}}},
        {"Sid": "OrganizationReadsThroughS3", "Effect": "Allow", "Principal": {"AWS": "*"},
         "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*",
         "Condition": {"StringEquals": {"aws:PrincipalOrgID": org_id},
                       "StringLike": {"kms:ViaService": "s3.*.amazonaws.com"}}},
    ]}


def trail_log_key_policy(management_id: str, region: str, partition: str = "aws") -> dict[str, Any]:
    """The management account's key for the trail's CloudWatch log group."""
    return {"Version": "2012-10-17", "Statement": [
        {"Sid": "ManagementAccountAdministers", "Effect": "Allow",
         "Principal": {"AWS": f"arn:{partition}:iam::{management_id}:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "CloudWatchLogsEncrypts", "Effect": "Allow", "Principal": {"Service": f"logs.{region}.amazonaws.com"},
         "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
         "Resource": "*", "Condition": {"ArnLike": {
             "kms:EncryptionContext:aws:logs:arn": f"arn:{partition}:logs:{region}:{management_id}:log-group:*"}}},
    ]}


def alerts_topic_policy(topic_arn: str, org_id: str) -> dict[str, Any]:
    """Alarms and event rules of any account of the organization publish; nothing else does."""
    return {"Version": "2012-10-17", "Statement": [
        _deny_insecure([topic_arn], "sns:Publish"),
        {"Sid": "OrganizationAlertsPublish", "Effect": "Allow",
         "Principal": {"Service": ["events.amazonaws.com", "cloudwatch.amazonaws.com"]}, "Action": "sns:Publish",
         "Resource": topic_arn, "Condition": {"StringEquals": {"aws:SourceOrgID": org_id}}},
    ]}


def assume_role_policy(service: str) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}


def trail_logs_role_policy(log_group_arn: str) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": f"{log_group_arn}:*"}]}


def replication_role_policy(source_arn: str, replica_arn: str, source_key: str, replica_key: str) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetReplicationConfiguration", "s3:ListBucket"], "Resource": source_arn},
        # Retention and legal hold travel with the objects: both buckets use Object Lock.
        {"Effect": "Allow", "Action": ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl",
                                       "s3:GetObjectVersionTagging", "s3:GetObjectRetention",
                                       "s3:GetObjectLegalHold"], "Resource": f"{source_arn}/*"},
        {"Effect": "Allow", "Action": ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
         "Resource": f"{replica_arn}/*"},
        {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": source_key},
        {"Effect": "Allow", "Action": "kms:Encrypt", "Resource": replica_key},
    ]}
