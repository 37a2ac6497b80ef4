"""UpdatesSpec validation, updates_issues, the pure patch plan and the instance trust policy."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from components.base import AccountContext
from components.updates.plan import instance_trust_policy, managed_policy_arns, plan_patching
from components.updates.spec import UpdatesSpec, schedule_problem, updates_issues


def errors(raw: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        UpdatesSpec.model_validate(raw)
    return {".".join(str(p) for p in e["loc"]): e["msg"] for e in info.value.errors()}


def test_empty_config_is_valid_and_secure() -> None:
    spec = UpdatesSpec.model_validate({})
    plan = plan_patching(spec, "prod")
    assert plan.severities == ("Critical", "Important")
    assert plan.classifications == ("Security", "Bugfix")
    assert plan.reboot == "RebootIfNeeded"
    assert plan.patch_group == "lz-prod"
    assert list(updates_issues(spec, production=True)) == []


@pytest.mark.parametrize("schedule", [
    "cron(0 3 ? * SUN *)", "cron(30 23 ? * MON-FRI *)", "cron(0 2 1 * ? *)", "cron(0 4 ? * 2#1 *)",
    "rate(1 day)", "rate(7 days)", "rate(12 hours)",
])
def test_valid_schedules(schedule: str) -> None:
    assert schedule_problem(schedule) is None
    assert UpdatesSpec.model_validate({"schedule": schedule}).schedule == schedule


@pytest.mark.parametrize(("schedule", "message"), [
    ("0 3 * * 0", "use cron(min hour day-of-month month day-of-week year)"),
    ("cron(0 3 * * SUN)", "a cron expression has 6 fields"),
    ("cron(0 3 * * SUN *)", "exactly one of day-of-month and day-of-week must be '?'"),
    ("cron(0 3 ? * ? *)", "exactly one of day-of-month and day-of-week must be '?'"),
    ("cron(0 3 ? * SUN; *)", "cron fields use digits"),
    ("rate(1 days)", "write rate(1 day)"),
    ("rate(7 day)", "write rate(7 days)"),
    ("rate(0 days)", "a rate needs a positive count"),
    ("rate(2 weeks)", "use cron("),
])
def test_invalid_schedules_name_the_value_and_the_fix(schedule: str, message: str) -> None:
    found = errors({"schedule": schedule})["schedule"]
    assert repr(schedule) in found
    assert message in found


def test_agent_update_schedule_is_validated_too() -> None:
    assert "write rate(7 days)" in errors({"agentUpdateSchedule": "rate(7 day)"})["agentUpdateSchedule"]


@given(minute=st.integers(0, 59), hour=st.integers(0, 23),
       day=st.sampled_from(["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "MON-FRI", "1", "7"]))
def test_weekly_crons_are_accepted(minute: int, hour: int, day: str) -> None:
    assert schedule_problem(f"cron({minute} {hour} ? * {day} *)") is None


def test_approval_delay_is_bounded() -> None:
    assert "approveAfterDays" in errors({"approveAfterDays": 101})
    assert "approveAfterDays" in errors({"approveAfterDays": -1})


def test_cutoff_must_leave_time_to_start_tasks() -> None:
    found = errors({"durationHours": 2, "cutoffHours": 2})
    assert "cutoffHours 2 must be less than durationHours 2" in found[""]


@pytest.mark.parametrize(("field", "value"), [
    ("maxConcurrency", "0"), ("maxConcurrency", "101%"), ("maxConcurrency", "ten"),
    ("maxErrors", "-1"), ("maxErrors", "200%"),
])
def test_rollout_limits_are_counts_or_percentages(field: str, value: str) -> None:
    assert repr(value) in errors({field: value})[field]


def test_time_zone_must_exist() -> None:
    assert "'Mars/Olympus' is not an IANA time zone" in errors({"scheduleTimezone": "Mars/Olympus"})[
        "scheduleTimezone"]


def test_patch_group_name_is_checked() -> None:
    assert "is not a patch group name" in errors({"patchGroup": "web servers!"})["patchGroup"]


def test_compliance_level_and_reboot_are_closed_sets() -> None:
    found = errors({"complianceLevel": "SEVERE", "reboot": "Always"})
    assert set(found) == {"complianceLevel", "reboot"}


def test_production_patches_promptly_and_reboots() -> None:
    spec = UpdatesSpec.model_validate({"approveAfterDays": 30, "reboot": "NoReboot"})
    assert dict(updates_issues(spec, production=True)) == {
        "updates.approveAfterDays": "30 days: production approves security patches within 14 days",
        "updates.reboot": "'NoReboot' in production leaves installed kernel and library patches inactive",
    }
    assert list(updates_issues(spec, production=False)) == []


def test_medium_severity_is_opt_in() -> None:
    spec = UpdatesSpec.model_validate({"includeMediumSeverity": True})
    assert plan_patching(spec, "dev").severities == ("Critical", "Important", "Medium")


def test_agent_update_can_be_turned_off() -> None:
    assert plan_patching(UpdatesSpec(update_ssm_agent=False), "dev").agent_schedule is None


def test_instance_trust_is_ec2_in_this_account_only() -> None:
    (statement,) = instance_trust_policy(AccountContext("123456789012", "eu-west-1"))["Statement"]
    assert statement["Principal"] == {"Service": "ec2.amazonaws.com"}
    assert statement["Action"] == "sts:AssumeRole"
    assert statement["Condition"] == {"StringEquals": {"aws:SourceAccount": "123456789012"}}


def test_managed_policies_follow_the_partition() -> None:
    arns = managed_policy_arns(AccountContext("123456789012", "us-gov-west-1", partition="aws-us-gov"))
    assert arns == {"ssm-core": "arn:aws-us-gov:iam::aws:policy/AmazonSSMManagedInstanceCore",
                    "cloudwatch-agent": "arn:aws-us-gov:iam::aws:policy/CloudWatchAgentServerPolicy"}
