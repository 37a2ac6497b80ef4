"""CIS 4.14: a metric filter and alarm exist for VPC changes (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.14")
