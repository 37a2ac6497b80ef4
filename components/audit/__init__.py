"""Audit domain: log archive, CloudTrail, AWS Config, GuardDuty, Security Hub, Access Analyzer (rows 4, 6)."""

from .baseline import AuditBaseline
from .config_recorder import ConfigRecorder
from .log_archive import LogArchive
from .spec import AuditSpec, ConfigRecorderSpec, GuardDutySpec, SecurityHubSpec, TrailSpec
from .threat_detection import ThreatDetection
from .trail import Trail

__all__ = [
    "AuditBaseline",
    "AuditSpec",
    "ConfigRecorder",
    "ConfigRecorderSpec",
    "GuardDutySpec",
    "LogArchive",
    "SecurityHubSpec",
    "ThreatDetection",
    "Trail",
    "TrailSpec",
]
