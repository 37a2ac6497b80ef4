"""CIS 4.8: a metric filter and alarm exist for S3 bucket policy changes (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.8")
