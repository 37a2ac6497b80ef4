"""Input contract of the storage domain (`landing-zone:storage`): keys, bucket lifecycle, object lock.

An empty `{}` is valid and secure: one rotating CMK per purpose with a 30-day deletion window,
archive tiers after 90/180/365 days, object lock on the log archive in production, protected.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field, model_validator

from ..spec_base import Spec

KeyPurpose = Literal["logs", "data", "alerts"]
KEY_PURPOSES: tuple[KeyPurpose, ...] = ("logs", "data", "alerts")
#: S3 refuses STANDARD_IA transitions before 30 days, and a transition from STANDARD_IA to GLACIER
#: less than 30 days later; GLACIER objects are billed 90 days, so DEEP_ARCHIVE comes 90 days later.
MIN_STANDARD_IA_DAYS = 30
MIN_DAYS_AFTER_STANDARD_IA = 30
MIN_DAYS_AFTER_GLACIER = 90
PRODUCTION_MIN_LOCK_DAYS = 365
PRODUCTION_DELETION_WINDOW = 30


class KeySpec(Spec):
    """One KMS customer managed key (symmetric, rotating)."""

    deletion_window_days: int = Field(
        30, ge=7, le=30, description="Days a scheduled deletion waits (7-30); production needs 30."
    )
    rotation_period_days: int = Field(
        365, ge=90, le=2560, description="Automatic key material rotation period in days (90-2560)."
    )


class KeysSpec(Spec):
    """One key per purpose, so a grant for one service never reaches another purpose's data."""

    logs: KeySpec = Field(default_factory=KeySpec, description="CloudTrail, log groups, Config, log archive.")
    data: KeySpec = Field(default_factory=KeySpec, description="EBS default encryption and workload data.")
    alerts: KeySpec = Field(default_factory=KeySpec, description="SNS alert topics (EventBridge, alarms).")

    def of(self, purpose: KeyPurpose) -> KeySpec:
        spec: KeySpec = getattr(self, purpose)
        return spec


class LifecycleSpec(Spec):
    """Storage tiers of every landing-zone bucket; `null` skips a tier."""

    standard_ia_days: int | None = Field(90, description="Days until STANDARD_IA (>= 30), or null.")
    glacier_days: int | None = Field(180, description="Days until GLACIER (>= 30 after STANDARD_IA), or null.")
    deep_archive_days: int | None = Field(
        365, description="Days until DEEP_ARCHIVE (>= 90 after GLACIER), or null."
    )
    noncurrent_version_expiration_days: int = Field(
        365, ge=1, le=36500, description="Days a replaced or deleted object version is kept."
    )
    abort_incomplete_multipart_days: int = Field(
        7, ge=1, le=365, description="Days after which incomplete multipart uploads are removed."
    )

    @model_validator(mode="after")
    def _tier_order(self) -> LifecycleSpec:
        problems = []
        ia, glacier, deep = self.standard_ia_days, self.glacier_days, self.deep_archive_days
        if ia is not None and ia < MIN_STANDARD_IA_DAYS:
            problems.append(
                f"standardIaDays {ia}: S3 allows STANDARD_IA after {MIN_STANDARD_IA_DAYS} days at the earliest")
        for label, days in (("glacierDays", glacier), ("deepArchiveDays", deep)):
            if days is not None and days < 1:
                problems.append(f"{label} {days}: must be at least 1")
        if ia is not None and glacier is not None and glacier < ia + MIN_DAYS_AFTER_STANDARD_IA:
            problems.append(f"glacierDays {glacier} must be at least {MIN_DAYS_AFTER_STANDARD_IA} days after "
                            f"standardIaDays {ia} (>= {ia + MIN_DAYS_AFTER_STANDARD_IA})")
        earlier = glacier if glacier is not None else ia
        gap = MIN_DAYS_AFTER_GLACIER if glacier is not None else MIN_DAYS_AFTER_STANDARD_IA
        if deep is not None and earlier is not None and deep < earlier + gap:
            problems.append(f"deepArchiveDays {deep} must be at least {gap} days after the previous tier "
                            f"({earlier}, so >= {earlier + gap})")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class ObjectLockSpec(Spec):
    """WORM protection of the log archive: nobody, root included, can delete evidence early."""

    enabled: bool | None = Field(
        None, description="Object lock on the log archive; default: on in production, off elsewhere "
        "(COMPLIANCE locks cannot be lifted, so a dev stack could not be torn down)."
    )
    mode: Literal["COMPLIANCE", "GOVERNANCE"] = Field(
        "COMPLIANCE",
        description="COMPLIANCE (nobody can shorten it) or GOVERNANCE (bypass permission); prod: COMPLIANCE.",
    )
    retention_days: int = Field(
        365, ge=1, le=36500, description="Default retention of every new object version; prod: >= 365."
    )

    def is_enabled(self, production: bool) -> bool:
        return self.enabled if self.enabled is not None else production


class StorageSpec(Spec):
    """`landing-zone:storage`: KMS keys per purpose, bucket lifecycle, log-archive object lock."""

    keys: KeysSpec = Field(default_factory=KeysSpec, description="KMS keys per purpose (logs, data, alerts).")
    lifecycle: LifecycleSpec = Field(default_factory=LifecycleSpec, description="Bucket storage tiers.")
    log_archive_object_lock: ObjectLockSpec = Field(
        default_factory=ObjectLockSpec, description="Object lock of the central log archive."
    )
    @model_validator(mode="before")
    @classmethod
    def _protect_moved(cls, data: object) -> object:
        if isinstance(data, dict) and "protect" in data:
            raise ValueError("'protect' is no longer a storage setting: keys, buckets, trails and log groups share "
                             "one switch, landing-zone:protectEvidence (set that instead; production keeps it true)")
        return data

    elb_log_bucket: bool = Field(
        False, description="Also create a bucket for ALB access logs. ALB can only write to SSE-S3 (AES256) "
        "buckets, so the pack's s3_bucket_encrypted rule needs an exemption for `*-elb-logs-*`.",
    )


class BucketSpec(Spec):
    """One EncryptedBucket: named `lz-<env>-<purpose>-<account>-<region>`, SSE-KMS unless `kms` is false."""

    purpose: str = Field(pattern=r"^[a-z][a-z0-9-]{0,30}[a-z0-9]$",
                         description="What the bucket holds; part of its name and its `purpose` tag.")
    lifecycle: LifecycleSpec = Field(default_factory=LifecycleSpec, description="Storage tiers and expiries.")
    kms: bool = Field(True, description="SSE-KMS with the given key; false means SSE-S3, only for writers that "
                      "cannot use KMS (ALB access logs).")
    object_lock: ObjectLockSpec | None = Field(None, description="WORM retention; default none.")
    access_log_prefix: str | None = Field(None, description="Prefix in the access-log bucket; default `<bucket>/`.")
    require_encryption_header: bool = Field(True, description="Deny uploads without an SSE header (off for AWS "
                                            "log writers that rely on default encryption).")
    grants: tuple[dict[str, Any], ...] = Field((), description="Extra bucket-policy statements (service writers).")


def storage_issues(spec: StorageSpec, production: bool) -> Iterator[tuple[str, str]]:
    """Checks that need the environment; paths are rooted at `storage`."""
    if not production:
        return
    lock = spec.log_archive_object_lock
    if lock.enabled is False:
        yield "storage.logArchiveObjectLock.enabled", "false: production log archives need object lock"
    if lock.mode != "COMPLIANCE":
        yield "storage.logArchiveObjectLock.mode", f"{lock.mode!r}: production needs 'COMPLIANCE'"
    if lock.retention_days < PRODUCTION_MIN_LOCK_DAYS:
        yield ("storage.logArchiveObjectLock.retentionDays",
               f"{lock.retention_days}: production needs at least {PRODUCTION_MIN_LOCK_DAYS} days")
    for purpose in KEY_PURPOSES:
        window = spec.keys.of(purpose).deletion_window_days
        if window < PRODUCTION_DELETION_WINDOW:
            yield (f"storage.keys.{purpose}.deletionWindowDays",
                   f"{window}: production keys need the full {PRODUCTION_DELETION_WINDOW}-day deletion window")
