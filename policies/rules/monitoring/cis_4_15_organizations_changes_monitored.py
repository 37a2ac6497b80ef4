"""CIS 4.15: a metric filter and alarm exist for AWS Organizations changes (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.15")
