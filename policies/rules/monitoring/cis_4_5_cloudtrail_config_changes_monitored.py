"""CIS 4.5: a metric filter and alarm exist for CloudTrail configuration changes (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.5")
