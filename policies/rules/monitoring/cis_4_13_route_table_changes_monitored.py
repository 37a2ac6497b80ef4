"""CIS 4.13: a metric filter and alarm exist for route table changes (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.13")
