"""OpenSearch domains publish error logs to CloudWatch Logs (FSBP Opensearch.4)."""

from ...framework import Severity
from .._lib.data import SEARCH_DOMAINS, log_publishing_rule

RULE = log_publishing_rule(
    "opensearch_error_logs",
    log_type="ES_APPLICATION_LOGS",
    types=SEARCH_DOMAINS,
    title="OpenSearch domains publish error logs to CloudWatch Logs",
    description=(
        "Error (application) logs record failed requests, shard and indexing errors, the first evidence "
        "of an outage or abuse. AWS publishes none unless logPublishingOptions has an enabled "
        "ES_APPLICATION_LOGS entry with a log group."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Opensearch.4",), "seed": ("logging",)},
    remediation=(
        'Add aws.opensearch.DomainLogPublishingOptionArgs(log_type="ES_APPLICATION_LOGS", '
        "cloudwatch_log_group_arn=group.arn) to log_publishing_options (and a log resource policy for "
        "es.amazonaws.com)."
    ),
)
