"""CIS 4.6: a metric filter and alarm exist for console authentication failures (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.6")
