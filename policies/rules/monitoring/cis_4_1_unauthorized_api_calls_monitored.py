"""CIS 4.1: a metric filter and alarm exist for unauthorized API calls (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.1")
