import json

import pulumi
import pulumi_aws as aws

cfg = pulumi.Config()
count = cfg.require_int("instanceCount")
region = aws.get_region()
account = aws.get_caller_identity()
domain_name = f"products-{pulumi.get_stack()}"

app_logs = aws.cloudwatch.LogGroup("search-app-logs", name=f"/aws/opensearch/{domain_name}/app",
                                   retention_in_days=90)
aws.cloudwatch.LogResourcePolicy("search-logs", policy_name="opensearch-logs", policy_document=app_logs.arn.apply(
    lambda arn: json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "es.amazonaws.com"},
        "Action": ["logs:PutLogEvents", "logs:CreateLogStream"], "Resource": f"{arn}:*"}]})))

domain = aws.opensearch.Domain(
    "products",
    domain_name=domain_name,
    engine_version="OpenSearch_2.13",
    cluster_config={
        "instance_type": cfg.require("instanceType"),
        "instance_count": count,
        "zone_awareness_enabled": count > 1,
        "zone_awareness_config": {"availability_zone_count": 3} if count > 1 else None,
        "dedicated_master_enabled": cfg.get_bool("dedicatedMasters") or False,
        "dedicated_master_type": "m6g.large.search" if cfg.get_bool("dedicatedMasters") else None,
        "dedicated_master_count": 3 if cfg.get_bool("dedicatedMasters") else None,
    },
    ebs_options={"ebs_enabled": True, "volume_size": 50, "volume_type": "gp3"},
    encrypt_at_rest={"enabled": count > 1},
    node_to_node_encryption={"enabled": count > 1},
    domain_endpoint_options={"enforce_https": True, "tls_security_policy": "Policy-Min-TLS-1-2-2019-07"},
    advanced_security_options={"enabled": count > 1, "internal_user_database_enabled": False,
                               "master_user_options": {
                                   "master_user_arn": f"arn:aws:iam::{account.account_id}:role/search-admin"}}
    if count > 1 else None,
    log_publishing_options=[{"cloudwatch_log_group_arn": app_logs.arn, "log_type": "ES_APPLICATION_LOGS"}],
    access_policies=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*",
        "Resource": f"arn:aws:es:{region.region}:{account.account_id}:domain/{domain_name}/*"}]}),
)

pulumi.export("endpoint", domain.endpoint)
