"""Pure planning of keys and buckets: physical names, lifecycle tiers, object lock (no pulumi import).

Physical names are deterministic (environment, purpose, account, region), so bucket policies and
key policies are plain documents built before any resource exists, and previews equal updates.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..base import AccountContext
from .spec import KeyPurpose, LifecycleSpec, ObjectLockSpec

BUCKET_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")


@dataclass(frozen=True)
class Transition:
    days: int
    storage_class: str


@dataclass(frozen=True)
class LifecyclePlan:
    transitions: tuple[Transition, ...]
    noncurrent_expiration_days: int
    abort_multipart_days: int


@dataclass(frozen=True)
class ObjectLockPlan:
    mode: str
    days: int


@dataclass(frozen=True)
class BucketPlan:
    """One EncryptedBucket. `kms` False means SSE-S3, only for writers that cannot use KMS (ELB)."""

    purpose: str
    bucket: str
    arn: str
    lifecycle: LifecyclePlan
    kms: bool = True
    object_lock: ObjectLockPlan | None = None
    access_log_prefix: str | None = None
    require_encryption_header: bool = True
    grants: tuple[Mapping[str, Any], ...] = field(default=())


def bucket_name(environment: str, purpose: str, account: AccountContext) -> str:
    """`lz-<env>-<purpose>-<account>-<region>`: globally unique, stable, at most 63 characters."""
    name = f"lz-{environment}-{purpose}-{account.account_id}-{account.region}"
    if not BUCKET_NAME_RE.match(name):
        raise ValueError(f"bucket name {name!r} is not a valid S3 bucket name (3-63 of a-z, 0-9, '-')")
    return name


def bucket_arn(account: AccountContext, bucket: str) -> str:
    return f"arn:{account.partition}:s3:::{bucket}"


def key_alias(environment: str, purpose: KeyPurpose) -> str:
    return f"alias/lz-{environment}-{purpose}"


def plan_lifecycle(spec: LifecycleSpec) -> LifecyclePlan:
    tiers = (
        (spec.standard_ia_days, "STANDARD_IA"),
        (spec.glacier_days, "GLACIER"),
        (spec.deep_archive_days, "DEEP_ARCHIVE"),
    )
    return LifecyclePlan(
        transitions=tuple(Transition(days, cls) for days, cls in tiers if days is not None),
        noncurrent_expiration_days=spec.noncurrent_version_expiration_days,
        abort_multipart_days=spec.abort_incomplete_multipart_days,
    )


def plan_object_lock(spec: ObjectLockSpec, production: bool) -> ObjectLockPlan | None:
    return ObjectLockPlan(spec.mode, spec.retention_days) if spec.is_enabled(production) else None


def plan_bucket(
    purpose: str,
    environment: str,
    account: AccountContext,
    lifecycle: LifecycleSpec,
    *,
    kms: bool = True,
    object_lock: ObjectLockPlan | None = None,
    access_log_prefix: str | None = None,
    require_encryption_header: bool = True,
    grants: Sequence[Mapping[str, Any]] = (),
) -> BucketPlan:
    name = bucket_name(environment, purpose, account)
    return BucketPlan(
        purpose=purpose, bucket=name, arn=bucket_arn(account, name), lifecycle=plan_lifecycle(lifecycle),
        kms=kms, object_lock=object_lock, access_log_prefix=access_log_prefix,
        require_encryption_header=require_encryption_header, grants=tuple(grants),
    )
