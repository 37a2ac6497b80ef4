"""AutomatedIsolation under the mock engine: the wiring a regression would break, and the policy pack."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
import pytest

from tests.components.accepted import ACCEPTED

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "tests" / "policies"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import harness  # noqa: E402

from components.base import AccountContext, Tagging  # noqa: E402
from components.isolation.documents import function_policy  # noqa: E402
from components.isolation.isolation import AutomatedIsolation  # noqa: E402
from components.isolation.plan import plan_isolation  # noqa: E402
from components.isolation.spec import IsolationSpec  # noqa: E402
from lz.graph import ResourceGraph  # noqa: E402
from lz.mock_engine import ProgramError, run_function  # noqa: E402
from policies import packs, registry  # noqa: E402
from tests.components.envs import env_of  # noqa: E402

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
TAGGING = Tagging("dev", "platform", "internal", {"cost-center": "42"})
TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:lz-dev-alerts"
DATA_KEY = "arn:aws:kms:eu-west-1:123456789012:key/0000aaaa-12ab-34cd-56ef-1234567890ab"
LOGS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1111bbbb-12ab-34cd-56ef-1234567890ab"
VPCS = ["vpc-0a1b2c3d4e5f60718", "vpc-0f1e2d3c4b5a69788"]
VPC_ARNS = [f"arn:aws:ec2:eu-west-1:123456789012:vpc/{v}" for v in VPCS]

FUNCTION = "aws:lambda/function:Function"
ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
RULE = "aws:cloudwatch/eventRule:EventRule"
TARGET = "aws:cloudwatch/eventTarget:EventTarget"
PERMISSION = "aws:lambda/permission:Permission"
QUEUE = "aws:sqs/queue:Queue"
QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy"


def declare(raw: dict[str, Any] | None = None, *, production: bool = False,
            vpc_ids: Callable[[], list[Any]] = lambda: [pulumi.Output.from_input(VPCS[0]), VPCS[1]],
            ) -> Callable[[], None]:
    spec = IsolationSpec.model_validate(raw or {})
    tagging = Tagging("prod" if production else "dev", "platform", "internal", {"cost-center": "42"})

    def program() -> None:
        AutomatedIsolation("lz-isolation", spec, alerts_topic_arn=pulumi.Output.from_input(TOPIC_ARN),
                           env_key_arn=DATA_KEY, logs_key_arn=LOGS_KEY, vpc_ids=vpc_ids(),
                           env=env_of(tagging, production=production))

    return program


def capture(raw: dict[str, Any] | None = None, **kwargs: Any) -> ResourceGraph:
    return run_function(declare(raw, **kwargs), config={"aws:region": ACCOUNT.region})


@pytest.fixture(scope="module")
def graph() -> ResourceGraph:
    return capture()




def statements(graph: ResourceGraph) -> dict[str, dict[str, Any]]:
    return {s["Sid"]: s for s in json.loads(graph.only(ROLE_POLICY).inputs["policy"])["Statement"]}


# -- shape ----------------------------------------------------------------------------------------

def test_resource_count_and_types(graph: ResourceGraph) -> None:
    assert Counter(r.type for r in graph.resources) == {
        "lz:isolation:AutomatedIsolation": 1, FUNCTION: 1, ROLE: 1, ROLE_POLICY: 1, LOG_GROUP: 1, RULE: 1,
        TARGET: 1, PERMISSION: 1, QUEUE: 1, QUEUE_POLICY: 1,
    }


def test_logical_names_are_pinned_and_parented(graph: ResourceGraph) -> None:
    assert {r.name for r in graph.resources} == {
        "lz-isolation", "lz-isolation-logs", "lz-isolation-role", "lz-isolation-role-policy", "lz-isolation-dlq",
        "lz-isolation-dlq-policy", "lz-isolation-function", "lz-isolation-rule", "lz-isolation-permission",
        "lz-isolation-target"}
    root = graph.get("lz-isolation")
    assert root is not None
    assert all(r.parent == root.urn for r in graph.resources if r is not root)


def test_preview_and_update_register_the_same_resources(graph: ResourceGraph) -> None:
    update = run_function(declare(), config={"aws:region": ACCOUNT.region}, preview=False)
    assert sorted(r.urn for r in update.resources) == sorted(r.urn for r in graph.resources)


def test_disabled_isolation_registers_nothing_but_the_component() -> None:
    assert [r.type for r in capture({"enabled": False}).resources] == ["lz:isolation:AutomatedIsolation"]


def test_production_refuses_disabled_isolation() -> None:
    with pytest.raises(ProgramError, match=re.escape("isolation.enabled: production needs automated isolation")):
        capture({"enabled": False}, production=True)


def test_no_vpcs_is_refused_before_anything_is_registered() -> None:
    with pytest.raises(ProgramError, match="vpc_ids: no VPC to isolate in"):
        capture(vpc_ids=lambda: [])


def test_taggable_resources_carry_the_landing_zone_tags(graph: ResourceGraph) -> None:
    for type_ in (FUNCTION, ROLE, LOG_GROUP, RULE, QUEUE):
        tags = graph.only(type_).inputs["tags"]
        assert (tags["managed-by"], tags["environment"], tags["cost-center"]) == ("pulumi-landing-zone", "dev", "42")


# -- function -------------------------------------------------------------------------------------

def test_function_runs_the_packaged_handler_on_python_312(graph: ResourceGraph) -> None:
    function = graph.only(FUNCTION).inputs
    assert (function["name"], function["runtime"], function["handler"]) == (
        "lz-dev-isolation", "python3.12", "handler.handler")
    assert function["timeout"] == 120 and function["memorySize"] == 256
    assert function["reservedConcurrentExecutions"] == 2
    (asset,) = function["code"]["assets"].values()
    assert list(function["code"]["assets"]) == ["handler.py"]
    assert Path(asset["path"]) == ROOT / "components" / "isolation" / "assets" / "isolate" / "handler.py"
    assert function["role"] == graph.only(ROLE).outputs["arn"]


def test_environment_is_encrypted_with_the_given_key_and_configures_the_handler(graph: ResourceGraph) -> None:
    function = graph.only(FUNCTION).inputs
    assert function["kmsKeyArn"] == DATA_KEY
    assert function["environment"]["variables"] == {
        "ALERTS_TOPIC_ARN": TOPIC_ARN, "MIN_SEVERITY": "7", "SNAPSHOT_VOLUMES": "true", "VPC_IDS": json.dumps(VPCS)}


def test_spec_reaches_the_function() -> None:
    graph = capture({"severityThreshold": 8.5, "snapshotVolumes": False, "reservedConcurrency": None})
    function = graph.only(FUNCTION).inputs
    assert function["environment"]["variables"]["MIN_SEVERITY"] == "8.5"
    assert function["environment"]["variables"]["SNAPSHOT_VOLUMES"] == "false"
    assert "reservedConcurrentExecutions" not in function


def test_function_logs_to_its_own_encrypted_group_created_first(graph: ResourceGraph) -> None:
    group = graph.only(LOG_GROUP)
    assert group.inputs["name"] == "/aws/lambda/lz-dev-isolation"
    assert group.inputs["kmsKeyId"] == LOGS_KEY
    assert group.inputs["retentionInDays"] == 365
    function = graph.only(FUNCTION)
    assert function.inputs["loggingConfig"]["logGroup"] == "/aws/lambda/lz-dev-isolation"
    assert function.inputs["loggingConfig"]["logFormat"] == "JSON"
    assert group.urn in function.dependencies and graph.only(ROLE_POLICY).urn in function.dependencies


def test_failed_invocations_and_undeliverable_events_go_to_one_encrypted_queue(graph: ResourceGraph) -> None:
    queue = graph.only(QUEUE)
    assert queue.inputs["sqsManagedSseEnabled"] is True
    assert queue.inputs["name"] == "lz-dev-isolation-dlq"
    assert graph.only(FUNCTION).inputs["deadLetterConfig"]["targetArn"] == queue.outputs["arn"]
    assert graph.only(TARGET).inputs["deadLetterConfig"]["arn"] == queue.outputs["arn"]
    policy = json.loads(graph.only(QUEUE_POLICY).inputs["policy"])
    (allow,) = [s for s in policy["Statement"] if s["Effect"] == "Allow"]
    assert allow["Principal"] == {"Service": "events.amazonaws.com"}
    assert allow["Condition"]["ArnEquals"]["aws:SourceArn"] == graph.only(RULE).outputs["arn"]


# -- trigger --------------------------------------------------------------------------------------

def test_rule_matches_instance_findings_at_the_threshold_numerically() -> None:
    rule = capture({"severityThreshold": 5.5}).only(RULE)
    assert json.loads(rule.inputs["eventPattern"]) == {
        "source": ["aws.guardduty"], "detail-type": ["GuardDuty Finding"],
        "detail": {"resource": {"resourceType": ["Instance"]}, "severity": [{"numeric": [">=", 5.5]}]}}
    assert rule.inputs["state"] == "ENABLED" and rule.inputs["name"] == "lz-dev-isolation-findings"


def test_rule_targets_the_function_with_retries(graph: ResourceGraph) -> None:
    target = graph.only(TARGET)
    assert target.inputs["arn"] == graph.only(FUNCTION).outputs["arn"]
    assert target.inputs["rule"] == "lz-dev-isolation-findings"
    assert target.inputs["retryPolicy"] == {"maximumEventAgeInSeconds": 3600, "maximumRetryAttempts": 8}
    assert graph.only(PERMISSION).urn in target.dependencies and graph.only(QUEUE_POLICY).urn in target.dependencies


def test_only_the_rule_may_invoke_the_function(graph: ResourceGraph) -> None:
    permission = graph.only(PERMISSION).inputs
    assert permission["principal"] == "events.amazonaws.com"
    assert permission["action"] == "lambda:InvokeFunction"
    assert permission["sourceArn"] == graph.only(RULE).outputs["arn"] == plan_isolation(
        IsolationSpec(), "dev", ACCOUNT).rule_arn
    assert permission["function"] == "lz-dev-isolation"


# -- role -----------------------------------------------------------------------------------------

def test_role_trusts_lambda_of_this_account_only(graph: ResourceGraph) -> None:
    (statement,) = json.loads(graph.only(ROLE).inputs["assumeRolePolicy"])["Statement"]
    assert statement["Principal"] == {"Service": "lambda.amazonaws.com"}
    assert statement["Condition"] == {"StringEquals": {"aws:SourceAccount": "123456789012"}}


def test_role_policy_is_the_pure_document_with_the_resolved_inputs(graph: ResourceGraph) -> None:
    expected = function_policy(plan_isolation(IsolationSpec(), "dev", ACCOUNT), ACCOUNT, topic_arn=TOPIC_ARN,
                               env_key_arn=DATA_KEY, vpc_ids=VPCS)
    assert json.loads(graph.only(ROLE_POLICY).inputs["policy"]) == expected
    assert graph.only(ROLE_POLICY).inputs["role"] == graph.only(ROLE).id


def test_interface_changes_are_scoped_to_the_landing_zone_vpcs_and_quarantine_groups(graph: ResourceGraph) -> None:
    found = statements(graph)
    swap, groups = found["SwapGroupsOfLandingZoneInterfaces"], found["AttachOnlyQuarantineGroups"]
    assert swap["Resource"].endswith(":network-interface/*")
    assert swap["Condition"] == {"ArnEquals": {"ec2:Vpc": VPC_ARNS}}
    assert groups["Resource"].endswith(":security-group/*")
    assert groups["Condition"] == {"ArnEquals": {"ec2:Vpc": VPC_ARNS},
                                   "StringEquals": {"aws:ResourceTag/purpose": "quarantine"}}


def test_writes_are_scoped_and_only_describes_use_a_wildcard_resource(graph: ResourceGraph) -> None:
    found = statements(graph)
    wildcard = {sid for sid, s in found.items() if s["Resource"] == "*"}
    assert wildcard == {"DescribeWhatIsolationTouches"}
    assert all(a.startswith("ec2:Describe") for a in found["DescribeWhatIsolationTouches"]["Action"])
    assert found["TagInstancesWithIsolationTagsOnly"]["Condition"] == {
        "ForAllValues:StringLike": {"aws:TagKeys": ["lz:*"]}}
    assert found["TagSnapshotsAtCreation"]["Condition"] == {"StringEquals": {"ec2:CreateAction": "CreateSnapshot"}}
    assert found["PublishToTheAlertsTopic"]["Resource"] == TOPIC_ARN
    assert found["DecryptOwnEnvironment"] == {"Sid": "DecryptOwnEnvironment", "Effect": "Allow",
                                              "Action": "kms:Decrypt", "Resource": DATA_KEY}
    assert found["WriteOwnLogs"]["Resource"] == (
        "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/lz-dev-isolation:*")
    assert found["DeadLetterFailedInvocations"]["Resource"] == graph.only(QUEUE).outputs["arn"]
    actions = {a for s in found.values() for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])}
    assert not any(a.endswith("*") and not a.startswith("kms:GenerateDataKey") for a in actions)
    assert "ec2:ModifyInstanceAttribute" not in actions and "logs:CreateLogGroup" not in actions


# -- policy pack ----------------------------------------------------------------------------------

@pytest.mark.parametrize("production", [False, True])
def test_the_workloads_pack_finds_nothing(production: bool) -> None:
    """Every rule an app-team stack faces (the account-presence rules need the whole baseline)."""
    graph = capture(production=production)
    rules = registry.discover()
    levels = packs.pack_levels("aws-workloads", rules)
    assert "log_group_encrypted" in levels and "iam_no_full_admin_policy" in levels
    found = {rid: sorted(harness.violations(rid, graph)) for rid in sorted(levels) if rid not in ACCEPTED}
    assert {rid: names for rid, names in found.items() if names} == {}
