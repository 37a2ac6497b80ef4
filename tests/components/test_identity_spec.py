"""`landing-zone:identity` validation: CIS floors, names, groups; each error with its path."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from components.identity.spec import IdentitySpec, PasswordPolicySpec, UserSpec, identity_issues


def errors(raw: dict[str, Any]) -> dict[tuple[Any, ...], str]:
    with pytest.raises(ValidationError) as info:
        IdentitySpec.model_validate(raw)
    return {tuple(e["loc"]): str(e["msg"]) for e in info.value.errors()}


def test_empty_config_is_valid_and_meets_cis() -> None:
    spec = IdentitySpec.model_validate({})
    policy = spec.password_policy
    assert (policy.minimum_length, policy.reuse_prevention, policy.max_age_days) == (14, 24, 90)
    assert policy.require_uppercase and policy.require_lowercase and policy.require_numbers and policy.require_symbols
    assert spec.job_functions == ["administrators", "operators", "developers", "auditors"]
    assert spec.session_duration_hours == 1
    assert spec.mfa_max_age_seconds == 3600
    assert spec.users == []
    assert spec.access_analyzer is True


def test_every_field_is_described() -> None:
    for model in (IdentitySpec, PasswordPolicySpec, UserSpec):
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name}"


def test_stricter_password_policy_is_accepted() -> None:
    spec = IdentitySpec.model_validate({"passwordPolicy": {"minimumLength": 20, "maxAgeDays": 30}})
    assert (spec.password_policy.minimum_length, spec.password_policy.max_age_days) == (20, 30)


@pytest.mark.parametrize(("field", "value", "fragment"), [
    ("minimumLength", 13, "13 is outside 14-128 (CIS 1.8 requires at least 14"),
    ("minimumLength", 129, "129 is outside 14-128"),
    ("reusePrevention", 5, "5: must be 24 (CIS 1.9"),
    ("maxAgeDays", 91, "91 days is outside 1-90"),
    ("maxAgeDays", 0, "0 days is outside 1-90"),
    ("requireSymbols", False, "every character class is required"),
    ("requireUppercase", False, "every character class is required"),
])
def test_password_policy_floors(field: str, value: Any, fragment: str) -> None:
    found = errors({"passwordPolicy": {field: value}})
    assert list(found) == [("passwordPolicy", field)]
    assert fragment in found[("passwordPolicy", field)]


@pytest.mark.parametrize(("hours", "ok"), [(0, False), (1, True), (12, True), (13, False)])
def test_session_duration_is_one_to_twelve_hours(hours: int, ok: bool) -> None:
    if ok:
        assert IdentitySpec.model_validate({"sessionDurationHours": hours}).session_duration_hours == hours
    else:
        assert list(errors({"sessionDurationHours": hours})) == [("sessionDurationHours",)]


def test_unknown_job_function_is_rejected_with_its_index() -> None:
    assert list(errors({"jobFunctions": ["administrators", "superusers"]})) == [("jobFunctions", 1)]


@pytest.mark.parametrize("name", ["", "has space", "slash/name", "x" * 65, "colon:name"])
def test_invalid_user_names(name: str) -> None:
    found = errors({"users": [{"name": name, "groups": ["auditors"]}]})
    assert list(found) == [("users", 0, "name")]
    assert "not a valid IAM user name" in found[("users", 0, "name")]


@pytest.mark.parametrize("name", ["alice", "bob.smith@example.com", "carol+ops", "d_e-f=g,h", "x" * 64])
def test_valid_user_names(name: str) -> None:
    assert IdentitySpec.model_validate({"users": [{"name": name, "groups": ["auditors"]}]}).users[0].name == name


def test_user_groups_must_be_job_functions() -> None:
    assert list(errors({"users": [{"name": "alice", "groups": ["auditors", "root"]}]})) == [("users", 0, "groups", 1)]


def test_user_needs_at_least_one_group() -> None:
    assert list(errors({"users": [{"name": "alice", "groups": []}]})) == [("users", 0, "groups")]


def test_users_cannot_carry_access_keys_or_policies() -> None:
    found = errors({"users": [{"name": "alice", "groups": ["auditors"], "accessKey": True, "policies": []}]})
    assert set(found) == {("users", 0, "accessKey"), ("users", 0, "policies")}


def test_cross_field_issues_have_paths() -> None:
    spec = IdentitySpec.model_validate({
        "jobFunctions": ["administrators", "auditors", "auditors"],
        "users": [{"name": "alice", "groups": ["auditors"]},
                  {"name": "Alice", "groups": ["developers"]}],
    })
    assert list(identity_issues(spec, production=False)) == [
        ("identity.jobFunctions[2]", "'auditors' is listed more than once"),
        ("identity.users[1].name", "'Alice' is already defined by users[0] (IAM names ignore case)"),
        ("identity.users[1].groups[0]",
         "'developers' is not an enabled job function; enabled: ['administrators', 'auditors']"),
    ]


def test_default_spec_has_no_issues_in_production() -> None:
    assert list(identity_issues(IdentitySpec(), production=True)) == []
