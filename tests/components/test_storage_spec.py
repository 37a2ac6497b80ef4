"""StorageSpec: secure defaults, every user error reported with its path, production checks."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from components.storage.plan import plan_lifecycle, plan_object_lock
from components.storage.spec import LifecycleSpec, StorageSpec, storage_issues


def errors_of(raw: dict[str, Any]) -> dict[tuple[Any, ...], str]:
    with pytest.raises(ValidationError) as exc:
        StorageSpec.model_validate(raw)
    return {tuple(e["loc"]): e["msg"] for e in exc.value.errors()}


def test_empty_config_is_valid_and_secure() -> None:
    spec = StorageSpec.model_validate({})
    for purpose in ("logs", "data", "alerts"):
        assert spec.keys.of(purpose).deletion_window_days == 30
        assert spec.keys.of(purpose).rotation_period_days == 365
    assert spec.elb_log_bucket is False
    assert [t.storage_class for t in plan_lifecycle(spec.lifecycle).transitions] == [
        "STANDARD_IA", "GLACIER", "DEEP_ARCHIVE"]
    assert plan_object_lock(spec.log_archive_object_lock, production=True) is not None
    assert plan_object_lock(spec.log_archive_object_lock, production=False) is None
    assert list(storage_issues(spec, production=True)) == []


@pytest.mark.parametrize(("raw", "loc", "fragment"), [
    ({"keys": {"logs": {"deletionWindowDays": 3}}}, ("keys", "logs", "deletionWindowDays"), "or equal to 7"),
    ({"keys": {"data": {"rotationPeriodDays": 5000}}}, ("keys", "data", "rotationPeriodDays"), "less than or equal"),
    ({"keys": {"billing": {}}}, ("keys", "billing"), "Extra inputs"),
    ({"lifecycle": {"standardIaDays": 10}}, ("lifecycle",), "standardIaDays 10"),
    ({"lifecycle": {"glacierDays": 100}}, ("lifecycle",), "glacierDays 100 must be at least 30 days"),
    ({"lifecycle": {"deepArchiveDays": 200}}, ("lifecycle",), "deepArchiveDays 200 must be at least 90 days"),
    ({"lifecycle": {"noncurrentVersionExpirationDays": 0}}, ("lifecycle", "noncurrentVersionExpirationDays"), ">= 1"),
    ({"logArchiveObjectLock": {"mode": "LEGAL"}}, ("logArchiveObjectLock", "mode"), "'COMPLIANCE' or 'GOVERNANCE'"),
    ({"logArchiveObjectLock": {"retentionDays": 0}}, ("logArchiveObjectLock", "retentionDays"), "greater than"),
    ({"protekt": False}, ("protekt",), "Extra inputs"),
])
def test_schema_errors_name_path_and_value(raw: dict[str, Any], loc: tuple[str, ...], fragment: str) -> None:
    errors = errors_of(raw)
    assert loc in errors, errors
    assert fragment.replace(">= 1", "greater than or equal to 1") in errors[loc]


def test_skipping_a_tier_measures_the_gap_from_the_previous_one() -> None:
    spec = LifecycleSpec(glacier_days=None, standard_ia_days=30, deep_archive_days=60)
    assert [(t.days, t.storage_class) for t in plan_lifecycle(spec).transitions] == [
        (30, "STANDARD_IA"), (60, "DEEP_ARCHIVE")]
    with pytest.raises(ValidationError, match="deepArchiveDays 59"):
        LifecycleSpec(glacier_days=None, standard_ia_days=30, deep_archive_days=59)


def test_production_issues_are_reported_with_paths() -> None:
    relaxed = StorageSpec.model_validate({
        "keys": {"alerts": {"deletionWindowDays": 7}},
        "logArchiveObjectLock": {"enabled": False, "mode": "GOVERNANCE", "retentionDays": 30},
    })
    assert dict(storage_issues(relaxed, production=True)) == {
        "storage.logArchiveObjectLock.enabled": "false: production log archives need object lock",
        "storage.logArchiveObjectLock.mode": "'GOVERNANCE': production needs 'COMPLIANCE'",
        "storage.logArchiveObjectLock.retentionDays": "30: production needs at least 365 days",
        "storage.keys.alerts.deletionWindowDays": "7: production keys need the full 30-day deletion window",
    }
    assert list(storage_issues(relaxed, production=False)) == []


@given(
    ia=st.one_of(st.none(), st.integers(30, 400)),
    glacier_gap=st.one_of(st.none(), st.integers(30, 400)),
    deep_gap=st.one_of(st.none(), st.integers(90, 400)),
)
def test_every_valid_lifecycle_plans_strictly_later_tiers(
    ia: int | None, glacier_gap: int | None, deep_gap: int | None
) -> None:
    glacier = None if glacier_gap is None else (ia or 0) + glacier_gap
    deep = None if deep_gap is None else (glacier or ia or 0) + deep_gap
    plan = plan_lifecycle(LifecycleSpec(standard_ia_days=ia, glacier_days=glacier, deep_archive_days=deep))
    days = [t.days for t in plan.transitions]
    assert days == sorted(set(days))
    assert len(days) == sum(x is not None for x in (ia, glacier, deep))
