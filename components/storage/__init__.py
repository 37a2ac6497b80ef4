"""Storage domain: KMS keys per purpose, encrypted buckets, account guardrails (row 7)."""

from .baseline import StorageBaseline
from .encrypted_bucket import EncryptedBucket
from .guardrails import AccountGuardrails
from .managed_key import ManagedKey
from .spec import BucketSpec, KeySpec, KeysSpec, LifecycleSpec, ObjectLockSpec, StorageSpec

__all__ = [
    "AccountGuardrails",
    "BucketSpec",
    "EncryptedBucket",
    "KeySpec",
    "KeysSpec",
    "LifecycleSpec",
    "ManagedKey",
    "ObjectLockSpec",
    "StorageBaseline",
    "StorageSpec",
]
