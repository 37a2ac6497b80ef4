"""Pins each pack's rule list and enforcement levels: changing either must change this table."""

import pytest

from policies import packs, registry

LANDING_ZONE = {
    "apigw_execution_logging": "advisory",
    "apigw_rest_cache_encrypted": "advisory",
    "apigw_rest_method_authorization": "advisory",
    "apigw_rest_stage_client_certificate": "advisory",
    "apigw_rest_stage_waf": "advisory",
    "apigw_rest_stage_xray_tracing": "advisory",
    "apigw_route_authorization": "advisory",
    "apigw_v2_stage_access_logging": "advisory",
    "appsync_field_level_logging": "advisory",
    "appsync_no_api_key_auth": "mandatory",
    "appsync_waf_associated": "advisory",
    "asg_elb_health_check": "advisory",
    "asg_multiple_azs": "advisory",
    "asg_multiple_instance_types": "advisory",
    "asg_uses_launch_template": "advisory",
    "athena_workgroup_cloudwatch_metrics": "advisory",
    "athena_workgroup_results_encrypted": "advisory",
    "cis_4_10_security_group_changes_monitored": "advisory",
    "cis_4_11_nacl_changes_monitored": "advisory",
    "cis_4_12_network_gateway_changes_monitored": "advisory",
    "cis_4_13_route_table_changes_monitored": "advisory",
    "cis_4_14_vpc_changes_monitored": "advisory",
    "cis_4_15_organizations_changes_monitored": "advisory",
    "cis_4_1_unauthorized_api_calls_monitored": "advisory",
    "cis_4_2_console_login_without_mfa_monitored": "advisory",
    "cis_4_3_root_usage_monitored": "advisory",
    "cis_4_4_iam_policy_changes_monitored": "advisory",
    "cis_4_5_cloudtrail_config_changes_monitored": "advisory",
    "cis_4_6_console_auth_failures_monitored": "advisory",
    "cis_4_7_cmk_disable_or_deletion_monitored": "advisory",
    "cis_4_8_s3_bucket_policy_changes_monitored": "advisory",
    "cis_4_9_config_changes_monitored": "advisory",
    "client_vpn_connection_logging": "advisory",
    "client_vpn_mutual_tls_or_saml": "advisory",
    "cloudfront_access_logging": "advisory",
    "cloudfront_custom_certificate": "advisory",
    "cloudfront_custom_origin_https": "advisory",
    "cloudfront_default_root_object": "mandatory",
    "cloudfront_origin_failover": "advisory",
    "cloudfront_origin_ssl_protocols": "advisory",
    "cloudfront_s3_origin_access_control": "advisory",
    "cloudfront_sni": "advisory",
    "cloudfront_viewer_https": "advisory",
    "cloudfront_waf": "advisory",
    "cloudtrail_bucket_access_logging": "advisory",
    "cloudtrail_cloudwatch_delivery": "advisory",
    "cloudtrail_kms_encrypted": "advisory",
    "cloudtrail_log_file_validation": "advisory",
    "cloudtrail_multi_region": "mandatory",
    "cloudtrail_present": "mandatory",
    "cloudtrail_s3_object_read_events": "advisory",
    "cloudtrail_s3_object_write_events": "advisory",
    "codebuild_env_no_plaintext_aws_credentials": "mandatory",
    "codebuild_env_no_plaintext_secrets": "mandatory",
    "codebuild_logging_enabled": "advisory",
    "codebuild_no_privileged_mode": "mandatory",
    "codebuild_s3_logs_encrypted": "advisory",
    "codebuild_source_url_no_credentials": "mandatory",
    "cognito_identity_pool_no_unauthenticated": "advisory",
    "cognito_threat_protection_custom_auth": "advisory",
    "cognito_threat_protection_enforced": "advisory",
    "cognito_user_pool_deletion_protection": "advisory",
    "cognito_user_pool_mfa_enabled": "advisory",
    "cognito_user_pool_password_policy": "advisory",
    "config_recorder_all_resources": "mandatory",
    "config_recorder_enabled": "mandatory",
    "dax_cluster_encrypted_at_rest": "advisory",
    "dax_cluster_encrypted_in_transit": "advisory",
    "default_sg_no_rules": "mandatory",
    "dynamodb_table_cmk_encrypted": "advisory",
    "dynamodb_table_deletion_protection": "advisory",
    "dynamodb_table_pitr": "advisory",
    "ebs_encryption_by_default": "advisory",
    "ebs_volume_encrypted": "advisory",
    "ec2_antivirus_bootstrap": "advisory",
    "ec2_block_devices_encrypted": "advisory",
    "ec2_imdsv2_required": "mandatory",
    "ec2_instance_profile_attached": "advisory",
    "ec2_instance_single_eni": "advisory",
    "ec2_no_public_ip": "mandatory",
    "ec2_user_data_no_plaintext_secrets": "mandatory",
    "ecr_image_scan_on_push": "mandatory",
    "ecr_lifecycle_policy": "advisory",
    "ecr_repository_cmk_encrypted": "advisory",
    "ecr_repository_policy_no_public_write": "mandatory",
    "ecr_tag_immutability": "advisory",
    "ecs_cluster_container_insights": "advisory",
    "ecs_container_logging_configured": "mandatory",
    "ecs_container_non_admin_windows_user": "advisory",
    "ecs_container_non_root_user": "advisory",
    "ecs_container_not_privileged": "mandatory",
    "ecs_container_read_only_root": "mandatory",
    "ecs_efs_volume_transit_encryption": "advisory",
    "ecs_environment_no_plaintext_secrets": "mandatory",
    "ecs_fargate_latest_platform": "advisory",
    "ecs_no_credentials_in_environment": "mandatory",
    "ecs_service_no_public_ip": "mandatory",
    "ecs_task_no_host_network_mode": "advisory",
    "ecs_task_no_host_pid_mode": "mandatory",
    "efs_access_point_root_directory": "advisory",
    "efs_access_point_user_identity": "advisory",
    "efs_automatic_backups": "advisory",
    "efs_file_system_encrypted": "advisory",
    "efs_mount_target_private_subnet": "advisory",
    "eks_audit_logging": "advisory",
    "eks_endpoint_not_public": "mandatory",
    "eks_secrets_encrypted": "advisory",
    "eks_supported_version": "mandatory",
    "elasticache_auto_minor_version_upgrade": "mandatory",
    "elasticache_automatic_failover": "advisory",
    "elasticache_custom_subnet_group": "mandatory",
    "elasticache_encrypted_at_rest": "advisory",
    "elasticache_encrypted_in_transit": "advisory",
    "elasticache_redis_auth": "advisory",
    "elasticache_redis_backups": "mandatory",
    "elb_classic_acm_certificate": "advisory",
    "elb_classic_connection_draining": "advisory",
    "elb_classic_cross_zone": "advisory",
    "elb_classic_predefined_tls_policy": "advisory",
    "eventbridge_bus_policy_no_public_access": "mandatory",
    "eventbridge_custom_bus_has_policy": "advisory",
    "firehose_delivery_stream_encrypted": "advisory",
    "glue_connection_no_plaintext_password": "mandatory",
    "glue_data_catalog_encrypted": "advisory",
    "glue_security_configuration_attached": "advisory",
    "glue_spark_job_supported_version": "advisory",
    "guardduty_enabled": "mandatory",
    "iam_access_analyzer_enabled": "advisory",
    "iam_console_users_have_mfa_policy": "advisory",
    "iam_no_aws_managed_full_access": "advisory",
    "iam_no_cloudshell_full_access": "advisory",
    "iam_no_full_admin_policy": "mandatory",
    "iam_no_service_wildcard_actions": "advisory",
    "iam_no_user_attached_policies": "advisory",
    "iam_no_wildcard_resource_for_scoped_actions": "advisory",
    "iam_password_complexity": "advisory",
    "iam_password_min_length": "advisory",
    "iam_password_policy_present": "advisory",
    "iam_password_reuse_prevention": "advisory",
    "iam_role_trust_requires_mfa": "mandatory",
    "iam_support_role_present": "advisory",
    "instance_no_public_web_ports": "advisory",
    "kinesis_stream_encrypted": "advisory",
    "kinesis_stream_retention": "advisory",
    "kms_iam_policy_no_decrypt_all_keys": "advisory",
    "kms_key_deletion_window": "advisory",
    "kms_key_policy_no_public_principal": "mandatory",
    "kms_key_rotation_enabled": "advisory",
    "lambda_environment_no_plaintext_secrets": "mandatory",
    "lambda_function_url_requires_auth": "mandatory",
    "lambda_in_vpc": "advisory",
    "lambda_multi_az": "advisory",
    "lambda_permission_not_public": "mandatory",
    "lambda_supported_runtime": "advisory",
    "lambda_tracing_active": "advisory",
    "lb_access_logs_enabled": "advisory",
    "lb_deletion_protection": "advisory",
    "lb_desync_mitigation": "advisory",
    "lb_drop_invalid_headers": "advisory",
    "lb_listener_https_only": "advisory",
    "lb_listener_modern_tls_policy": "mandatory",
    "lb_multi_az": "advisory",
    "lb_public_alb_has_waf": "advisory",
    "log_group_encrypted": "advisory",
    "log_group_retention": "advisory",
    "mq_activemq_audit_logging": "advisory",
    "mq_broker_auto_minor_version_upgrade": "advisory",
    "msk_cluster_encrypted_in_transit": "advisory",
    "msk_cluster_no_public_access": "advisory",
    "msk_cluster_no_unauthenticated_access": "advisory",
    "nacl_no_public_all_ports": "advisory",
    "nacl_no_public_rdp": "advisory",
    "nacl_no_public_ssh": "advisory",
    "no_default_vpc": "mandatory",
    "no_peering_route_to_anywhere": "mandatory",
    "no_plaintext_credentials": "mandatory",
    "opensearch_audit_logs": "advisory",
    "opensearch_data_node_fault_tolerance": "advisory",
    "opensearch_encrypted_at_rest": "advisory",
    "opensearch_error_logs": "advisory",
    "opensearch_fine_grained_access": "mandatory",
    "opensearch_in_vpc": "mandatory",
    "opensearch_node_to_node_encryption": "advisory",
    "opensearch_tls_policy": "advisory",
    "rds_aurora_backtracking": "advisory",
    "rds_aurora_mysql_audit_logging": "advisory",
    "rds_cluster_auto_minor_version_upgrade": "advisory",
    "rds_cluster_copy_tags_to_snapshot": "advisory",
    "rds_cluster_custom_admin_username": "advisory",
    "rds_cluster_deletion_protection": "advisory",
    "rds_cluster_iam_auth": "advisory",
    "rds_cluster_log_exports": "advisory",
    "rds_cluster_storage_encrypted": "advisory",
    "rds_enhanced_monitoring": "advisory",
    "rds_instance_auto_minor_version_upgrade": "mandatory",
    "rds_instance_backups_enabled": "advisory",
    "rds_instance_copy_tags_to_snapshot": "advisory",
    "rds_instance_custom_admin_username": "advisory",
    "rds_instance_deletion_protection": "advisory",
    "rds_instance_iam_auth": "advisory",
    "rds_instance_log_exports": "advisory",
    "rds_instance_multi_az": "advisory",
    "rds_instance_not_public": "mandatory",
    "rds_instance_storage_encrypted": "advisory",
    "rds_instance_tls_required": "advisory",
    "rds_no_default_port": "advisory",
    "rds_security_group_not_open": "mandatory",
    "rds_snapshot_encrypted": "advisory",
    "rds_snapshot_not_public": "mandatory",
    "redshift_cluster_audit_logging": "advisory",
    "redshift_cluster_automated_snapshots": "advisory",
    "redshift_cluster_custom_admin_username": "advisory",
    "redshift_cluster_encrypted": "advisory",
    "redshift_cluster_enhanced_vpc_routing": "advisory",
    "redshift_cluster_multi_az": "advisory",
    "redshift_cluster_not_public": "mandatory",
    "redshift_cluster_require_ssl": "advisory",
    "redshift_cluster_version_upgrade": "advisory",
    "redshift_security_group_not_open": "mandatory",
    "s3_access_point_public_access_blocked": "mandatory",
    "s3_account_public_access_blocked": "advisory",
    "s3_bucket_access_logging": "advisory",
    "s3_bucket_encrypted": "advisory",
    "s3_bucket_event_notifications": "advisory",
    "s3_bucket_lifecycle_configured": "advisory",
    "s3_bucket_no_public_acl": "mandatory",
    "s3_bucket_object_lock_enabled": "advisory",
    "s3_bucket_ownership_enforced": "advisory",
    "s3_bucket_policy_no_cross_account_sensitive_actions": "mandatory",
    "s3_bucket_policy_no_public_principal": "mandatory",
    "s3_bucket_public_access_blocked": "mandatory",
    "s3_bucket_tls_only": "advisory",
    "s3_bucket_versioning_enabled": "advisory",
    "s3_directory_bucket_lifecycle_configured": "advisory",
    "s3_mrap_public_access_blocked": "mandatory",
    "secretsmanager_policy_no_public_principal": "mandatory",
    "secretsmanager_recovery_window": "advisory",
    "secretsmanager_rotation_enabled": "advisory",
    "secretsmanager_secret_cmk_encrypted": "advisory",
    "securityhub_enabled": "advisory",
    "sfn_state_machine_logging": "advisory",
    "sg_no_public_all_ports": "mandatory",
    "sg_no_public_rdp": "mandatory",
    "sg_no_public_ssh": "mandatory",
    "sg_rule_has_description": "mandatory",
    "sns_topic_delivery_status_logging": "advisory",
    "sns_topic_encrypted": "advisory",
    "sns_topic_policy_no_public_access": "mandatory",
    "sqs_queue_encrypted": "advisory",
    "sqs_queue_policy_no_public_access": "mandatory",
    "subnet_no_public_ip_on_launch": "advisory",
    "tgw_default_route_table_disabled": "mandatory",
    "vpc_bpa_exclusion_per_subnet": "mandatory",
    "vpc_default_sg_adopted": "mandatory",
    "vpc_flow_logs_enabled": "advisory",
}


def test_landing_zone_pack() -> None:
    assert packs.pack_levels("aws-landing-zone", registry.discover()) == LANDING_ZONE


ACCOUNT_BASELINE = {
    "cloudtrail_present", "config_recorder_enabled", "guardduty_enabled", "securityhub_enabled",
    "iam_password_policy_present", "iam_support_role_present", "iam_access_analyzer_enabled",
    "s3_account_public_access_blocked", "ebs_encryption_by_default",
    *(rid for rid in LANDING_ZONE if rid.startswith("cis_4_")),
}


def test_workloads_pack_is_the_blocking_pack_without_account_presence_rules() -> None:
    expected = {rid: level for rid, level in LANDING_ZONE.items() if rid not in ACCOUNT_BASELINE}
    assert packs.pack_levels("aws-workloads", registry.discover()) == expected
    assert len([r for r in ACCOUNT_BASELINE if r.startswith("cis_4_")]) == 15


ORGANIZATION = {
    "org_delegated_admin_not_management": "mandatory",
    "org_guardduty_auto_enable_all": "mandatory",
    "org_management_account_no_workloads": "mandatory",
    "org_policy_attachment_quota": "mandatory",
    "org_policy_document_valid": "mandatory",
    "org_scp_deny_leave_organization": "mandatory",
    "org_scp_region_deny": "mandatory",
    "org_securityhub_auto_enable_all": "mandatory",
    "org_trail_hardened": "mandatory",
}


def test_organization_pack_is_the_organization_rules_and_the_workload_rules() -> None:
    # The org stack: every resource rule over its own buckets, keys and roles, and the CIS 4.x filters
    # and alarms (on the organization trail's log group); no other account-presence rule (the
    # organization rules judge the same facts for the whole organization).
    cis = {rid for rid in LANDING_ZONE if rid.startswith("cis_4_")}
    assert len(cis) == 15
    expected = {rid: level for rid, level in LANDING_ZONE.items() if rid not in ACCOUNT_BASELINE or rid in cis}
    assert packs.pack_levels("aws-organization", registry.discover()) == {**expected, **ORGANIZATION}


ORGANIZATION_PROVIDED = {
    "cloudtrail_present", "guardduty_enabled", "securityhub_enabled", "iam_access_analyzer_enabled",
    *(rid for rid in LANDING_ZONE if rid.startswith("cis_4_")),
}


def test_member_pack_is_the_blocking_pack_less_what_the_organization_provides() -> None:
    expected = {rid: level for rid, level in LANDING_ZONE.items() if rid not in ORGANIZATION_PROVIDED}
    assert packs.pack_levels("aws-organization-member", registry.discover()) == expected
    assert len(ORGANIZATION_PROVIDED) == 19


def test_organization_rules_run_in_no_other_pack() -> None:
    rules = registry.discover()
    assert set(ORGANIZATION) <= set(rules)
    for pack in ("aws-landing-zone", "aws-workloads", "aws-landing-zone-advisory", "aws-organization-member"):
        assert not set(ORGANIZATION) & set(packs.pack_levels(pack, rules)), pack


def test_pack_has_at_least_200_rules_each_with_remediation_and_frameworks() -> None:
    rules = registry.discover()
    assert len(rules) >= 200
    for rule in rules.values():
        assert rule.remediation and rule.frameworks["seed"]


def test_advisory_pack_has_every_rule_advisory() -> None:
    assert packs.pack_levels("aws-landing-zone-advisory", registry.discover()) == dict.fromkeys(
        LANDING_ZONE, "advisory"
    )


def test_unknown_pack_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="aws-landing-zone-advisory"):
        packs.pack_levels("nope", registry.discover())


def test_pinned_rules_exist() -> None:
    assert set(packs.PINNED) <= set(registry.discover())
