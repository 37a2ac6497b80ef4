"""Updates domain: SSM patch baseline, window, agent updates and the instance role (row 9)."""

from .patch_management import PatchManagement
from .spec import UpdatesSpec

__all__ = [
    "PatchManagement",
    "UpdatesSpec",
]
