"""PatchManagement under the mock engine: baseline, patch group, window, task, instance role."""

from __future__ import annotations

import json
from typing import Any

from components.base import AccountContext, Tagging
from components.updates.patch_management import PatchManagement
from components.updates.spec import UpdatesSpec
from lz.graph import ResourceGraph
from lz.mock_engine import run_function
from tests.components.envs import env_of

ACCOUNT = AccountContext(account_id="123456789012", region="eu-west-1")
TAGGING = Tagging("dev", "platform", "internal", {})


def build(raw: dict[str, Any] | None = None) -> ResourceGraph:
    spec = UpdatesSpec.model_validate(raw or {})

    def program() -> None:
        PatchManagement("dev-patching", spec, env=env_of(TAGGING, production=False))

    return run_function(program)


DEFAULT = build()


def test_default_resource_count_is_pinned() -> None:
    # component, baseline, patch group, window, target, task, association, role, 2 attachments, profile
    assert len(DEFAULT.resources) == 11


def test_baseline_approves_security_and_bugfix_for_amazon_linux_2023() -> None:
    baseline = DEFAULT.get("dev-patching-baseline").inputs
    assert baseline["operatingSystem"] == "AMAZON_LINUX_2023"
    (rule,) = baseline["approvalRules"]
    filters = {f["key"]: f["values"] for f in rule["patchFilters"]}
    assert filters == {"CLASSIFICATION": ["Security", "Bugfix"], "SEVERITY": ["Critical", "Important"]}
    assert rule["approveAfterDays"] == 7
    assert rule["complianceLevel"] == "CRITICAL"


def test_approval_settings_come_from_config() -> None:
    graph = build({"approveAfterDays": 0, "includeMediumSeverity": True, "complianceLevel": "HIGH"})
    (rule,) = graph.get("dev-patching-baseline").inputs["approvalRules"]
    assert rule["approveAfterDays"] == 0
    assert rule["complianceLevel"] == "HIGH"
    assert {f["key"]: f["values"] for f in rule["patchFilters"]}["SEVERITY"] == ["Critical", "Important", "Medium"]


def test_baseline_serves_the_patch_group() -> None:
    group = DEFAULT.get("dev-patching-patch-group")
    assert group.inputs["patchGroup"] == "lz-dev"
    assert group.inputs["baselineId"] == DEFAULT.get("dev-patching-baseline").id


def test_default_baseline_only_when_configured() -> None:
    assert DEFAULT.by_type("aws:ssm/defaultPatchBaseline:DefaultPatchBaseline") == []
    graph = build({"defaultBaseline": True})
    (default,) = graph.by_type("aws:ssm/defaultPatchBaseline:DefaultPatchBaseline")
    assert default.inputs["operatingSystem"] == "AMAZON_LINUX_2023"


def test_window_schedule_and_length_come_from_config() -> None:
    graph = build({"schedule": "cron(0 1 ? * SAT *)", "durationHours": 4, "cutoffHours": 2,
                   "scheduleTimezone": "Europe/Paris"})
    window = graph.get("dev-patching-window").inputs
    assert (window["schedule"], window["duration"], window["cutoff"]) == ("cron(0 1 ? * SAT *)", 4, 2)
    assert window["scheduleTimezone"] == "Europe/Paris"
    assert window["allowUnassociatedTargets"] is False
    assert window["enabled"] is True


def test_window_targets_instances_by_patch_group_tag() -> None:
    target = DEFAULT.get("dev-patching-window-target").inputs
    assert target["resourceType"] == "INSTANCE"
    assert target["targets"] == [{"key": "tag:Patch Group", "values": ["lz-dev"]}]


def test_task_installs_approved_patches_and_reboots_if_needed() -> None:
    task = DEFAULT.get("dev-patching-install")
    assert (task.inputs["taskType"], task.inputs["taskArn"]) == ("RUN_COMMAND", "AWS-RunPatchBaseline")
    params = {p["name"]: p["values"] for p in
              task.inputs["taskInvocationParameters"]["runCommandParameters"]["parameters"]}
    assert params == {"Operation": ["Install"], "RebootOption": ["RebootIfNeeded"]}
    assert (task.inputs["maxConcurrency"], task.inputs["maxErrors"]) == ("25%", "10%")
    assert task.inputs["targets"] == [{"key": "WindowTargetIds",
                                       "values": [DEFAULT.get("dev-patching-window-target").id]}]


def test_patch_group_name_from_config_flows_everywhere() -> None:
    graph = build({"patchGroup": "web-fleet"})
    assert graph.get("dev-patching-patch-group").inputs["patchGroup"] == "web-fleet"
    assert graph.get("dev-patching-window-target").inputs["targets"][0]["values"] == ["web-fleet"]
    assert graph.get("dev-patching-agent-update").inputs["targets"][0]["values"] == ["web-fleet"]


def test_ssm_agent_is_updated_weekly_unless_turned_off() -> None:
    association = DEFAULT.get("dev-patching-agent-update").inputs
    assert (association["name"], association["scheduleExpression"]) == ("AWS-UpdateSSMAgent", "rate(7 days)")
    assert build({"updateSsmAgent": False}).by_type("aws:ssm/association:Association") == []


def test_instance_role_is_ssm_capable_and_trusted_by_ec2_only() -> None:
    role = DEFAULT.get("dev-patching-instance-role")
    trust = json.loads(role.inputs["assumeRolePolicy"])
    assert trust["Statement"][0]["Principal"] == {"Service": "ec2.amazonaws.com"}
    attached = {r.inputs["policyArn"] for r in DEFAULT.by_type("aws:iam/rolePolicyAttachment:RolePolicyAttachment")}
    assert attached == {"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                        "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"}
    assert all(r.inputs["role"] == role.outputs["name"]
               for r in DEFAULT.by_type("aws:iam/rolePolicyAttachment:RolePolicyAttachment"))


def test_instance_profile_wraps_the_role() -> None:
    (profile,) = DEFAULT.by_type("aws:iam/instanceProfile:InstanceProfile")
    assert profile.inputs["role"] == DEFAULT.get("dev-patching-instance-role").outputs["name"]


def test_every_child_is_parented_and_taggables_tagged() -> None:
    (component,) = DEFAULT.by_type("lz:updates:PatchManagement")
    assert len(DEFAULT.children_of(component.urn)) == len(DEFAULT.resources) - 1
    for name in ("baseline", "window", "instance-role", "instance-profile", "agent-update"):
        assert DEFAULT.get(f"dev-patching-{name}").inputs["tags"]["managed-by"] == "pulumi-landing-zone"


def test_outputs_tell_other_components_how_to_join() -> None:
    made: list[PatchManagement] = []

    def program() -> None:
        made.append(PatchManagement("dev-patching", UpdatesSpec(patch_group="fleet"), env=env_of(TAGGING)))

    run_function(program)
    (component,) = made
    assert component.patch_group == "fleet"
    assert component.instance_tags == {"Patch Group": "fleet"}
