"""Isolation domain: a GuardDuty finding on an instance moves it to its island's quarantine SG (row 15)."""

from .isolation import AutomatedIsolation
from .spec import IsolationSpec

__all__ = [
    "AutomatedIsolation",
    "IsolationSpec",
]
