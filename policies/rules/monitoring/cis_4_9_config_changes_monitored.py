"""CIS 4.9: a metric filter and alarm exist for AWS Config configuration changes (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.9")
