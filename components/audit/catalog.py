"""What the audit domain knows by name: AWS managed Config rules and Security Hub standards (pure).

The default Config rules mirror the policy pack: the pack blocks a non-compliant change before it
is made, the rule catches drift made outside Pulumi.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..base import AccountContext

#: CIS 1.8-1.9: length 14, reuse prevention 24; plus complexity and 90-day rotation.
CIS_PASSWORD_POLICY = {
    "RequireUppercaseCharacters": "true", "RequireLowercaseCharacters": "true", "RequireSymbols": "true",
    "RequireNumbers": "true", "MinimumPasswordLength": "14", "PasswordReusePrevention": "24",
    "MaxPasswordAge": "90",
}


@dataclass(frozen=True)
class ConfigRuleDef:
    identifier: str
    description: str
    default: bool = True
    parameters: dict[str, str] = field(default_factory=dict)


_RULES = (
    ConfigRuleDef("CLOUD_TRAIL_ENABLED", "A CloudTrail trail is logging (CIS 3.1)."),
    ConfigRuleDef("MULTI_REGION_CLOUD_TRAIL_ENABLED", "A multi-region trail records management events (CIS 3.1)."),
    ConfigRuleDef("CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", "Trails validate log file integrity (CIS 3.2)."),
    ConfigRuleDef("CLOUD_TRAIL_ENCRYPTION_ENABLED", "Trails encrypt logs with a KMS key (CIS 3.5)."),
    ConfigRuleDef("CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED", "Trails deliver to CloudWatch Logs."),
    ConfigRuleDef("CMK_BACKING_KEY_ROTATION_ENABLED", "Customer managed keys rotate (CIS 3.6)."),
    ConfigRuleDef("VPC_FLOW_LOGS_ENABLED", "Every VPC has flow logs (CIS 3.7)."),
    ConfigRuleDef("VPC_DEFAULT_SECURITY_GROUP_CLOSED", "Default security groups have no rules (CIS 5.4)."),
    ConfigRuleDef("INCOMING_SSH_DISABLED", "No security group opens SSH to the internet (CIS 5.2)."),
    ConfigRuleDef("RESTRICTED_INCOMING_TRAFFIC", "No security group opens admin/database ports to the internet."),
    ConfigRuleDef("NACL_NO_UNRESTRICTED_SSH_RDP", "No NACL opens SSH or RDP to the internet (CIS 5.1)."),
    ConfigRuleDef("SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED", "Subnets do not assign public IPs on launch."),
    ConfigRuleDef("S3_BUCKET_PUBLIC_READ_PROHIBITED", "No bucket allows public read."),
    ConfigRuleDef("S3_BUCKET_PUBLIC_WRITE_PROHIBITED", "No bucket allows public write."),
    ConfigRuleDef("S3_BUCKET_SSL_REQUESTS_ONLY", "Bucket policies deny plain-HTTP requests (CIS 2.1.1)."),
    ConfigRuleDef("S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED", "Buckets encrypt objects by default."),
    ConfigRuleDef("S3_BUCKET_VERSIONING_ENABLED", "Buckets are versioned."),
    ConfigRuleDef("S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC", "The account blocks public S3 access (CIS 2.1.4)."),
    ConfigRuleDef("ENCRYPTED_VOLUMES", "Attached EBS volumes are encrypted."),
    ConfigRuleDef("EC2_EBS_ENCRYPTION_BY_DEFAULT", "EBS encryption by default is on (CIS 2.2.1)."),
    ConfigRuleDef("EC2_IMDSV2_CHECK", "Instances require IMDSv2 (CIS 5.6)."),
    ConfigRuleDef("CLOUDWATCH_LOG_GROUP_ENCRYPTED", "Log groups are KMS-encrypted."),
    ConfigRuleDef("SNS_ENCRYPTED_KMS", "SNS topics are KMS-encrypted."),
    ConfigRuleDef("IAM_PASSWORD_POLICY", "The password policy meets CIS 1.8/1.9.", parameters=CIS_PASSWORD_POLICY),
    ConfigRuleDef("IAM_ROOT_ACCESS_KEY_CHECK", "The root user has no access keys (CIS 1.4)."),
    ConfigRuleDef("ROOT_ACCOUNT_MFA_ENABLED", "The root user has MFA (CIS 1.5)."),
    ConfigRuleDef("MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", "Console users have MFA (CIS 1.10)."),
    ConfigRuleDef("IAM_USER_UNUSED_CREDENTIALS_CHECK", "Credentials unused for 45 days are disabled (CIS 1.12).",
                  parameters={"maxCredentialUsageAge": "45"}),
    ConfigRuleDef("ACCESS_KEYS_ROTATED", "Access keys rotate within 90 days (CIS 1.14).",
                  parameters={"maxAccessKeyAge": "90"}),
    ConfigRuleDef("IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS", "No customer policy grants *:* (CIS 1.16)."),
    ConfigRuleDef("GUARDDUTY_ENABLED_CENTRALIZED", "GuardDuty is enabled."),
    ConfigRuleDef("SECURITYHUB_ENABLED", "Security Hub is enabled (CIS 4.16)."),
    ConfigRuleDef("ELB_LOGGING_ENABLED", "Load balancers write access logs.", default=False),
    ConfigRuleDef("ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK", "ALB HTTP listeners only redirect to HTTPS.", default=False),
    ConfigRuleDef("EC2_INSTANCE_NO_PUBLIC_IP", "Instances have no public IP.", default=False),
)
CONFIG_RULES: dict[str, ConfigRuleDef] = {r.identifier: r for r in _RULES}
DEFAULT_CONFIG_RULES: tuple[str, ...] = tuple(r.identifier for r in _RULES if r.default)

CIS_V3 = "cis-aws-foundations-benchmark/v/3.0.0"
FSBP = "aws-foundational-security-best-practices/v/1.0.0"
#: Standards a subscription can name; CIS 1.2.0 is the one whose ARN is a global 'ruleset'.
STANDARDS = (
    CIS_V3, FSBP,
    "cis-aws-foundations-benchmark/v/1.2.0", "cis-aws-foundations-benchmark/v/1.4.0",
    "nist-800-53/v/5.0.0", "pci-dss/v/3.2.1", "pci-dss/v/4.0.1", "aws-resource-tagging-standard/v/1.0.0",
)
DEFAULT_STANDARDS = (CIS_V3, FSBP)


def standard_arn(account: AccountContext, standard: str) -> str:
    if standard == "cis-aws-foundations-benchmark/v/1.2.0":
        return f"arn:{account.partition}:securityhub:::ruleset/{standard}"
    return f"arn:{account.partition}:securityhub:{account.region}::standards/{standard}"


def rule_slug(identifier: str) -> str:
    """`CLOUD_TRAIL_ENABLED` -> `cloud-trail-enabled` (logical and physical rule names)."""
    return identifier.lower().replace("_", "-")
