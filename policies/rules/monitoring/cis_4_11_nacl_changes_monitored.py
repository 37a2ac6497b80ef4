"""CIS 4.11: a metric filter and alarm exist for network ACL changes (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.11")
