"""Logging domain: KMS-encrypted log groups, each exported to the log archive (row 16)."""

from .log_groups import LogGroups
from .spec import ExportSpec, LoggingSpec

__all__ = [
    "ExportSpec",
    "LogGroups",
    "LoggingSpec",
]
