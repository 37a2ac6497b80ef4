"""CIS 4.12: a metric filter and alarm exist for network gateway changes (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.12")
