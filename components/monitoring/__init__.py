"""Monitoring domain: alerts topic, CIS 4.x alarms, finding rules, the environment dashboard."""

from .alerts import Alerts
from .cis_alarms import CisAlarms
from .dashboard import Dashboard
from .monitoring import Monitoring
from .spec import MonitoringSpec, SubscriptionSpec

__all__ = [
    "Alerts",
    "CisAlarms",
    "Dashboard",
    "Monitoring",
    "MonitoringSpec",
    "SubscriptionSpec",
]
