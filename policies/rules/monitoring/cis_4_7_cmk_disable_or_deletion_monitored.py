"""CIS 4.7: a metric filter and alarm exist for disabling or scheduled deletion of KMS CMKs (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.7")
