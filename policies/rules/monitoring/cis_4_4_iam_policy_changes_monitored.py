"""CIS 4.4: a metric filter and alarm exist for IAM policy changes (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.4")
