"""Pins each pack's rule list and enforcement levels: changing either must change this table."""

import packs
import pytest
import registry

LANDING_ZONE = {
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
    "cloudtrail_bucket_access_logging": "advisory",
    "cloudtrail_cloudwatch_delivery": "advisory",
    "cloudtrail_kms_encrypted": "advisory",
    "cloudtrail_log_file_validation": "advisory",
    "cloudtrail_multi_region": "mandatory",
    "cloudtrail_present": "mandatory",
    "cloudtrail_s3_object_read_events": "advisory",
    "cloudtrail_s3_object_write_events": "advisory",
    "config_recorder_all_resources": "mandatory",
    "config_recorder_enabled": "mandatory",
    "default_sg_no_rules": "mandatory",
    "ebs_encryption_by_default": "advisory",
    "ebs_volume_encrypted": "advisory",
    "ec2_antivirus_bootstrap": "advisory",
    "ec2_block_devices_encrypted": "advisory",
    "ec2_imdsv2_required": "mandatory",
    "ec2_instance_profile_attached": "advisory",
    "ec2_no_public_ip": "mandatory",
    "guardduty_enabled": "mandatory",
    "iam_access_analyzer_enabled": "advisory",
    "iam_console_users_have_mfa_policy": "advisory",
    "iam_no_cloudshell_full_access": "advisory",
    "iam_no_full_admin_policy": "mandatory",
    "iam_no_user_attached_policies": "advisory",
    "iam_password_complexity": "advisory",
    "iam_password_min_length": "advisory",
    "iam_password_policy_present": "advisory",
    "iam_password_reuse_prevention": "advisory",
    "iam_role_trust_requires_mfa": "mandatory",
    "iam_support_role_present": "advisory",
    "kms_key_deletion_window": "advisory",
    "kms_key_policy_no_public_principal": "mandatory",
    "kms_key_rotation_enabled": "advisory",
    "lb_access_logs_enabled": "advisory",
    "lb_deletion_protection": "advisory",
    "lb_drop_invalid_headers": "advisory",
    "lb_listener_https_only": "advisory",
    "lb_listener_modern_tls_policy": "mandatory",
    "lb_public_alb_has_waf": "advisory",
    "log_group_encrypted": "advisory",
    "log_group_retention": "advisory",
    "nacl_no_public_all_ports": "advisory",
    "nacl_no_public_rdp": "advisory",
    "nacl_no_public_ssh": "advisory",
    "no_default_vpc": "mandatory",
    "no_peering_route_to_anywhere": "mandatory",
    "s3_account_public_access_blocked": "advisory",
    "s3_bucket_access_logging": "advisory",
    "s3_bucket_encrypted": "advisory",
    "s3_bucket_lifecycle_configured": "advisory",
    "s3_bucket_no_public_acl": "mandatory",
    "s3_bucket_ownership_enforced": "advisory",
    "s3_bucket_policy_no_public_principal": "mandatory",
    "s3_bucket_public_access_blocked": "mandatory",
    "s3_bucket_tls_only": "advisory",
    "s3_bucket_versioning_enabled": "advisory",
    "securityhub_enabled": "advisory",
    "sg_no_public_all_ports": "mandatory",
    "sg_no_public_rdp": "mandatory",
    "sg_no_public_ssh": "mandatory",
    "sg_rule_has_description": "mandatory",
    "sns_topic_encrypted": "advisory",
    "subnet_no_public_ip_on_launch": "advisory",
    "tgw_default_route_table_disabled": "mandatory",
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


def test_pack_has_at_least_45_rules_each_with_remediation_and_frameworks() -> None:
    rules = registry.discover()
    assert len(rules) >= 45
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
