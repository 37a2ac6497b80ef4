"""`lz report` on presence rules (CIS 4.x filters and alarms, CloudTrail present): the resources that satisfy
a control are listed under it, a stack without them is violated with none listed, and in organization mode
the member's report never shows them met (the org stack's does, with its filters and alarms).

The app program declares real pulumi_aws resources, run under lz's mock engine and checked by the real pack."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from policies.rules._lib.audit import CIS_PATTERNS

REPO_ROOT = Path(__file__).resolve().parents[2]
FILTER, ALARM = "aws:cloudwatch/logMetricFilter:LogMetricFilter", "aws:cloudwatch/metricAlarm:MetricAlarm"
TOPIC, TRAIL = "aws:sns/topic:Topic", "aws:cloudtrail/trail:Trail"
# monitored: a logging multi-region trail and the CIS 4.3 filter with an alarm that notifies a topic; bare: none.
PROGRAM = f"""
import pulumi
import pulumi_aws as aws

if pulumi.get_stack() == "monitored":
    group = aws.cloudwatch.LogGroup("trail-logs", retention_in_days=365)
    aws.cloudtrail.Trail("trail", s3_bucket_name="audit-bucket", is_multi_region_trail=True,
                         enable_log_file_validation=True)
    topic = aws.sns.Topic("alerts")
    aws.cloudwatch.LogMetricFilter("root-usage", log_group_name=group.name, pattern={CIS_PATTERNS["4.3"]!r},
        metric_transformation=aws.cloudwatch.LogMetricFilterMetricTransformationArgs(
            name="RootUsage", namespace="CIS", value="1"))
    aws.cloudwatch.MetricAlarm("root-usage", metric_name="RootUsage", namespace="CIS", statistic="Sum",
        period=300, evaluation_periods=1, threshold=1, comparison_operator="GreaterThanOrEqualToThreshold",
        alarm_actions=[topic.arn])
aws.ec2.SecurityGroup("web", description="web")
"""


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("presence-program")
    (root / "Pulumi.yaml").write_text("name: presence-fixture\nruntime: python\n")
    for stack in ("monitored", "bare"):
        (root / f"Pulumi.{stack}.yaml").write_text("config:\n  aws:region: eu-west-1\n")
    (root / "__main__.py").write_text(PROGRAM)
    return root


def report(out: Path, stack: str, *args: str) -> dict[str, Any]:
    run = subprocess.run([sys.executable, "-m", "lz", "report", stack, "-o", str(out), *args], cwd=REPO_ROOT,
                         capture_output=True, text=True, timeout=300, check=False, env={**os.environ, "COLUMNS": "200"})
    assert run.returncode in (0, 1), run.stdout + run.stderr
    return dict(json.loads(out.read_text()))


def control(doc: dict[str, Any], framework: str, control_id: str) -> dict[str, Any] | None:
    section = next(s for s in doc["frameworks"] if s["id"] == framework)
    return next((c for c in section["controls"] if c["id"] == control_id), None)


def listed(c: dict[str, Any] | None) -> set[tuple[str, str]]:
    assert c is not None
    return {(r["type"], r["name"]) for r in c["resources"]}


def test_a_presence_control_lists_the_filter_alarm_topic_and_trail_that_satisfy_it(
        program: Path, tmp_path: Path) -> None:
    doc = report(tmp_path / "monitored.json", "monitored", "--program", str(program), "--pack-name", "aws-landing-zone")
    root = control(doc, "cis-aws-5.0", "4.3")
    assert root is not None and root["verdict"] == "met"
    assert listed(root) == {(FILTER, "root-usage"), (ALARM, "root-usage"), (TOPIC, "alerts")}
    assert {tuple(r["via"]) for r in root["resources"]} == {("rule cis_4_3_root_usage_monitored",)}
    assert [e["kind"] for e in root["evidence"]] == ["stack-rule-passed"]
    trail = control(doc, "aws-fsbp", "CloudTrail.3")
    assert trail is not None and trail["verdict"] == "met" and listed(trail) == {(TRAIL, "trail")}
    # the same pack on the same program judges 4.1 (no filter with its pattern): violated, not met
    unauth = control(doc, "cis-aws-5.0", "4.1")
    assert unauth is not None and unauth["verdict"] == "violated"


def test_a_stack_without_them_is_violated_with_no_resources_listed(program: Path, tmp_path: Path) -> None:
    doc = report(tmp_path / "bare.json", "bare", "--program", str(program), "--pack-name", "aws-landing-zone")
    for framework, control_id in (("cis-aws-5.0", "4.3"), ("aws-fsbp", "CloudTrail.3")):
        c = control(doc, framework, control_id)
        assert c is not None and (c["verdict"], c["resources"]) == ("violated", []), (control_id, c)


def test_in_organization_mode_the_org_stack_judges_them_and_the_member_never_shows_them_met(tmp_path: Path) -> None:
    member = report(tmp_path / "member.json", "dev-org", "-p", "tests/stacks")
    org = report(tmp_path / "org.json", "org", "-p", "tests/stacks")
    assert (member["pack"]["name"], org["pack"]["name"]) == ("aws-organization-member", "aws-organization")
    for control_id in (f"4.{n}" for n in range(1, 16)):
        mine = control(member, "cis-aws-5.0", control_id)
        assert mine is None or mine["verdict"] != "met", mine  # the member has no filters of its own
        theirs = control(org, "cis-aws-5.0", control_id)
        assert theirs is not None and theirs["verdict"] == "met", control_id
        assert {t for t, _ in listed(theirs)} >= {FILTER, ALARM}, control_id
