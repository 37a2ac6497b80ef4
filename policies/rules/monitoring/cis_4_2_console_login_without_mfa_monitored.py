"""CIS 4.2: a metric filter and alarm exist for console sign-in without MFA (a presence rule)."""

from .._lib.audit import cis_monitoring_rule

RULE = cis_monitoring_rule("4.2")
