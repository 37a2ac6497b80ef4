"""`landing-zone:monitoring` validation: each error with its path, and the production rule."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from components.monitoring.spec import MonitoringSpec, SubscriptionSpec, monitoring_issues


def errors(raw: dict[str, Any]) -> dict[tuple[Any, ...], str]:
    with pytest.raises(ValidationError) as info:
        MonitoringSpec.model_validate(raw)
    return {tuple(e["loc"]): str(e["msg"]) for e in info.value.errors()}


def test_empty_config_is_valid_and_secure() -> None:
    spec = MonitoringSpec.model_validate({})
    assert spec.subscriptions == []
    assert spec.guardduty_severity_threshold == 7.0
    assert spec.alarm_period_seconds == 300
    assert spec.dashboard is True


def test_every_field_is_described() -> None:
    for model in (MonitoringSpec, SubscriptionSpec):
        for name, field in model.model_fields.items():
            assert field.description, name


def test_valid_subscriptions_are_normalized() -> None:
    spec = MonitoringSpec.model_validate({"subscriptions": [
        {"protocol": "email", "endpoint": "SecOps@Example.COM"},
        {"protocol": "https", "endpoint": "https://hooks.example.com/alerts?token=abc"},
    ]})
    assert spec.subscriptions[0].endpoint == "SecOps@example.com"  # the domain part is case-insensitive
    assert spec.subscriptions[1].endpoint == "https://hooks.example.com/alerts?token=abc"


@pytest.mark.parametrize(("endpoint", "fragment"), [
    ("ops", "not a valid e-mail address"),
    ("ops@", "not a valid e-mail address"),
    ("ops@example", "not a valid e-mail address"),
    ("two@@example.com", "not a valid e-mail address"),
])
def test_bad_email_is_rejected_at_its_endpoint(endpoint: str, fragment: str) -> None:
    found = errors({"subscriptions": [{"protocol": "email", "endpoint": endpoint}]})
    assert list(found) == [("subscriptions", 0, "endpoint")]
    assert fragment in found[("subscriptions", 0, "endpoint")]
    assert repr(endpoint) in found[("subscriptions", 0, "endpoint")]


@pytest.mark.parametrize(("endpoint", "fragment"), [
    ("http://hooks.example.com/alerts", "plain http is not allowed"),
    ("hooks.example.com/alerts", "needs an https:// URL"),
    ("https:///path-only", "has no host name"),
    ("https://user:secret@hooks.example.com/", "credentials in the URL"),
])
def test_bad_https_endpoint_is_rejected_at_its_endpoint(endpoint: str, fragment: str) -> None:
    found = errors({"subscriptions": [{"protocol": "email", "endpoint": "ok@example.com"},
                                      {"protocol": "https", "endpoint": endpoint}]})
    assert list(found) == [("subscriptions", 1, "endpoint")]
    assert fragment in found[("subscriptions", 1, "endpoint")]


def test_unknown_protocol_is_rejected() -> None:
    found = errors({"subscriptions": [{"protocol": "sms", "endpoint": "+15550100"}]})
    assert ("subscriptions", 0, "protocol") in found


@pytest.mark.parametrize("threshold", [0.9, 9, -1])
def test_guardduty_threshold_range(threshold: float) -> None:
    found = errors({"guarddutySeverityThreshold": threshold})
    assert list(found) == [("guarddutySeverityThreshold",)]


@pytest.mark.parametrize("threshold", [1, 4.5, 8.9])
def test_guardduty_threshold_bounds_are_inclusive(threshold: float) -> None:
    assert MonitoringSpec.model_validate({"guarddutySeverityThreshold": threshold}).guardduty_severity_threshold \
        == threshold


def test_alarm_period_must_be_a_listed_value() -> None:
    found = errors({"alarmPeriodSeconds": 120})
    assert "120 seconds is not an allowed alarm period" in found[("alarmPeriodSeconds",)]


def test_unknown_keys_are_typos() -> None:
    found = errors({"subscription": []})
    assert list(found) == [("subscription",)]


def test_production_needs_a_subscription() -> None:
    assert list(monitoring_issues(MonitoringSpec(), production=True)) == [(
        "monitoring.subscriptions",
        "a production environment needs at least one subscription (email or https), "
        "otherwise its alarms and findings reach nobody",
    )]
    assert list(monitoring_issues(MonitoringSpec(), production=False)) == []


def test_duplicate_subscription_is_reported_at_the_second_one() -> None:
    spec = MonitoringSpec.model_validate({"subscriptions": [
        {"protocol": "email", "endpoint": "ops@example.com"},
        {"protocol": "https", "endpoint": "https://hooks.example.com/a"},
        {"protocol": "email", "endpoint": "OPS@example.com"},
    ]})
    assert list(monitoring_issues(spec, production=True)) == [(
        "monitoring.subscriptions[2].endpoint",
        "email 'OPS@example.com' is already subscribed by subscriptions[0]",
    )]
