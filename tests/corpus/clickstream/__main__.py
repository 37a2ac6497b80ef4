import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
env = pulumi.get_stack()
caller = aws.get_caller_identity()

lake_key = aws.kms.Key("lake", description="clickstream lake", enable_key_rotation=True)
lake = aws.s3.Bucket("clickstream-lake", bucket=f"acme-clickstream-{env}-{caller.account_id}")
aws.s3.BucketServerSideEncryptionConfiguration("clickstream-lake", bucket=lake.id, rules=[{
    "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": lake_key.arn},
    "bucket_key_enabled": True}])
aws.s3.BucketPublicAccessBlock("clickstream-lake", bucket=lake.id, block_public_acls=True, block_public_policy=True,
                               ignore_public_acls=True, restrict_public_buckets=True)
aws.s3.BucketLifecycleConfiguration("clickstream-lake", bucket=lake.id, rules=[{
    "id": "raw-to-ia", "status": "Enabled", "filter": {"prefix": "raw/"},
    "transitions": [{"days": 30, "storage_class": "STANDARD_IA"}]}])

stream = aws.kinesis.Stream(
    "clicks", shard_count=cfg.require_int("shards"), retention_period=24,
    encryption_type="KMS" if cfg.get_bool("encryptStream") else "NONE",
    kms_key_id="alias/aws/kinesis" if cfg.get_bool("encryptStream") else None)

firehose_role = aws.iam.Role("clicks-firehose", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "firehose.amazonaws.com"},
                   "Action": "sts:AssumeRole"}]}))
aws.iam.RolePolicy("clicks-firehose", role=firehose_role.id, policy=pulumi.Output.all(
    stream.arn, lake.arn, lake_key.arn).apply(lambda a: json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["kinesis:DescribeStream", "kinesis:GetShardIterator",
                                           "kinesis:GetRecords"], "Resource": a[0]},
            {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetBucketLocation"], "Resource": [a[1], f"{a[1]}/*"]},
            {"Effect": "Allow", "Action": ["kms:GenerateDataKey", "kms:Decrypt"], "Resource": a[2]},
        ]})))

aws.kinesis.FirehoseDeliveryStream(
    "clicks-to-lake", destination="extended_s3",
    kinesis_source_configuration={"kinesis_stream_arn": stream.arn, "role_arn": firehose_role.arn},
    extended_s3_configuration={"role_arn": firehose_role.arn, "bucket_arn": lake.arn, "prefix": "raw/",
                               "buffering_interval": 300, "compression_format": "GZIP",
                               "kms_key_arn": lake_key.arn})

database = aws.glue.CatalogDatabase("clickstream", name=f"clickstream_{env}")
crawler_role = aws.iam.Role("clicks-crawler", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "glue.amazonaws.com"}, "Action": "sts:AssumeRole"}]}),
    managed_policy_arns=["arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"])
aws.glue.Crawler("raw-clicks", database_name=database.name, role=crawler_role.arn, schedule="cron(15 * * * ? *)",
                 s3_targets=[{"path": lake.bucket.apply(lambda b: f"s3://{b}/raw/")}])

results = aws.s3.Bucket("athena-results", force_destroy=True)
aws.athena.Workgroup("analysts", force_destroy=True, configuration={
    "enforce_workgroup_configuration": env == "prod",
    "publish_cloudwatch_metrics_enabled": True,
    "result_configuration": {
        "output_location": results.bucket.apply(lambda b: f"s3://{b}/results/"),
        "encryption_configuration": {"encryption_option": "SSE_KMS", "kms_key_arn": lake_key.arn}
        if env == "prod" else None,
    },
})

pulumi.export("streamName", stream.name)
