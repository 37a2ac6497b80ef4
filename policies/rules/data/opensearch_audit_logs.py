"""OpenSearch domains publish audit logs (FSBP Opensearch.5)."""

from ...framework import Severity
from .._lib.data import SEARCH_DOMAINS, log_publishing_rule

RULE = log_publishing_rule(
    "opensearch_audit_logs",
    log_type="AUDIT_LOGS",
    types=SEARCH_DOMAINS,
    title="OpenSearch domains publish audit logs to CloudWatch Logs",
    description=(
        "Audit logs record authentication successes and failures, index and document access: who read "
        "what. AWS publishes none unless logPublishingOptions has an enabled AUDIT_LOGS entry with a log "
        "group; audit logging also needs fine-grained access control."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Opensearch.5",), "seed": ("audited",)},
    remediation=(
        'Add aws.opensearch.DomainLogPublishingOptionArgs(log_type="AUDIT_LOGS", cloudwatch_log_group_arn='
        "group.arn) to log_publishing_options and enable advanced_security_options."
    ),
)
