"""CIS 4.10: a metric filter and alarm exist for security group changes (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.10")
