"""The CIS 4.1-4.15 filters and alarms of organization mode: on the organization trail's log group in the
management account (the org stack), alarming to the organization's alerts topic, made by the same code
as an environment's own (components/monitoring/cis_alarms.py), and judged by the aws-organization pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.monitoring.cis import CIS_METRIC_FILTERS
from lz.gate import run_gate
from lz.graph import ResourceGraph
from lz.mock_engine import run_program

ROOT = Path(__file__).resolve().parents[2]
FILTER, ALARM = "aws:cloudwatch/logMetricFilter:LogMetricFilter", "aws:cloudwatch/metricAlarm:MetricAlarm"
# What may differ between two stacks' CIS alarms: names, the log group, the topic, the tags.
PER_STACK = {"name", "logGroupName", "alarmActions", "tags", "tagsAll"}


@pytest.fixture(scope="module")
def org() -> ResourceGraph:
    return run_program(ROOT, "org")


def by_slug(graph: ResourceGraph, type_: str) -> dict[str, dict[str, object]]:
    return {r.name.rsplit("-", 1)[0].split("cis-", 1)[1]: r.inputs for r in graph.resources
            if r.type == type_ and "cis-" in r.name}


def test_the_org_stack_watches_the_organization_trail(org: ResourceGraph) -> None:
    [group] = [r for r in org.resources if r.name == "trail-log-group"]
    [trail] = [r for r in org.resources if r.type == "aws:cloudtrail/trail:Trail"]
    assert trail.inputs["cloudWatchLogsGroupArn"].startswith(group.outputs["arn"])
    filters = [r for r in org.resources if r.type == FILTER and "cis-" in r.name]
    alarms = [r for r in org.resources if r.type == ALARM and "cis-" in r.name]
    assert sorted(f.name for f in filters) == sorted(f"cis-{c.slug}-filter" for c in CIS_METRIC_FILTERS)
    assert {f.inputs["pattern"] for f in filters} == {c.pattern for c in CIS_METRIC_FILTERS}
    # Beside the log group: the management account, through the same (default) provider.
    assert {f.inputs["logGroupName"] for f in filters} == {group.outputs["name"]}
    assert {f.provider for f in filters} == {group.provider}
    # Alarms notify the organization's alerts topic (audit account; its policy lets the org's CloudWatch publish).
    assert len(alarms) == 15
    assert all(a.inputs["alarmActions"] == [org.outputs["alertsTopicArn"]] for a in alarms)
    assert all(str(a.inputs["name"]).startswith("lz-org-cis-") for a in alarms)
    [component] = [r for r in org.resources if r.type == "lz:monitoring:CisAlarms"]
    assert {r.parent for r in [*filters, *alarms]} == {component.urn}


def test_the_org_stack_alarms_are_an_environments_alarms(org: ResourceGraph, dev_graph: ResourceGraph) -> None:
    for type_ in (FILTER, ALARM):
        ours, theirs = by_slug(org, type_), by_slug(dev_graph, type_)
        assert set(ours) == set(theirs) and len(ours) == 15
        for slug, inputs in ours.items():
            same = {k: v for k, v in inputs.items() if k not in PER_STACK}
            assert same == {k: v for k, v in theirs[slug].items() if k not in PER_STACK}, slug


def test_the_organization_pack_finds_every_cis_control_monitored() -> None:
    result = run_gate(ROOT, "org", pack_name="aws-organization")
    cis = {rid for rid in result.policies if rid.startswith("cis_4_")}
    assert len(cis) == 15
    assert not [f"{f.policy}: {f.message}" for f in result.findings if f.policy in cis]
