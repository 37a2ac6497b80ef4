"""CIS 4.3: a metric filter and alarm exist for use of the root user (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.3")
