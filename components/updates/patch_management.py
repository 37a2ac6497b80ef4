"""PatchManagement: the AL2023 patch baseline, its window, and the SSM role every instance uses (row 9)."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from ..base import AccountContext, Tagging, child, logical_name, type_token
from ..environment import Environment
from .plan import (
    AGENT_DOCUMENT,
    OPERATING_SYSTEM,
    PATCH_DOCUMENT,
    PATCH_GROUP_TAG,
    instance_trust_policy,
    managed_policy_arns,
    plan_patching,
)
from .spec import UpdatesSpec


class PatchManagement(pulumi.ComponentResource):
    """Children: `<name>-baseline`, `-patch-group`, `-window`, `-window-target`, `-install`,
    `-instance-role`, `-instance-<policy>`, `-instance-profile`, optional `-default-baseline`, `-agent-update`.

    Instances join by carrying `instance_tags` and `instance_profile_name`.
    """

    baseline_id: pulumi.Output[str]
    maintenance_window_id: pulumi.Output[str]
    patch_group: str
    instance_tags: dict[str, str]
    instance_role_arn: pulumi.Output[str]
    instance_profile_name: pulumi.Output[str]
    instance_profile_arn: pulumi.Output[str]

    def __init__(
        self,
        name: str,
        spec: UpdatesSpec,
        *,
        env: Environment,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        account, tagging = env.account, env.tagging
        super().__init__(type_token("updates", "PatchManagement"), name, None, env.options(opts))
        plan = plan_patching(spec, tagging.environment)
        self.patch_group, self.instance_tags = plan.patch_group, plan.instance_tags
        rule = aws.ssm.PatchBaselineApprovalRuleArgs(
            approve_after_days=plan.approve_after_days, compliance_level=plan.compliance_level,
            patch_filters=[
                aws.ssm.PatchBaselineApprovalRulePatchFilterArgs(key="CLASSIFICATION",
                                                                 values=list(plan.classifications)),
                aws.ssm.PatchBaselineApprovalRulePatchFilterArgs(key="SEVERITY", values=list(plan.severities)),
            ])
        baseline = aws.ssm.PatchBaseline(
            logical_name(name, "baseline"), name=plan.baseline_name, operating_system=OPERATING_SYSTEM,
            description=f"{', '.join(plan.classifications)} patches of severity {', '.join(plan.severities)}",
            approval_rules=[rule], tags=tagging.name(plan.baseline_name), opts=child(self))
        aws.ssm.PatchGroup(logical_name(name, "patch-group"), baseline_id=baseline.id,
                           patch_group=plan.patch_group, opts=child(self))
        if plan.default_baseline:
            aws.ssm.DefaultPatchBaseline(logical_name(name, "default-baseline"), baseline_id=baseline.id,
                                         operating_system=OPERATING_SYSTEM, opts=child(self))
        window = aws.ssm.MaintenanceWindow(
            logical_name(name, "window"), name=plan.window_name, schedule=plan.schedule,
            schedule_timezone=plan.schedule_timezone, duration=plan.duration_hours, cutoff=plan.cutoff_hours,
            allow_unassociated_targets=False, enabled=True,
            description=f"Patch group {plan.patch_group}", tags=tagging.name(plan.window_name), opts=child(self))
        target = aws.ssm.MaintenanceWindowTarget(
            logical_name(name, "window-target"), window_id=window.id, resource_type="INSTANCE",
            name=f"{plan.window_name}-targets", description=f"Instances tagged {PATCH_GROUP_TAG}={plan.patch_group}",
            targets=[aws.ssm.MaintenanceWindowTargetTargetArgs(key=f"tag:{PATCH_GROUP_TAG}",
                                                               values=[plan.patch_group])],
            opts=child(self))
        aws.ssm.MaintenanceWindowTask(
            logical_name(name, "install"), window_id=window.id, task_type="RUN_COMMAND", task_arn=PATCH_DOCUMENT,
            name=f"{plan.window_name}-install", description="Install approved patches",
            priority=1, max_concurrency=plan.max_concurrency, max_errors=plan.max_errors,
            targets=[aws.ssm.MaintenanceWindowTaskTargetArgs(key="WindowTargetIds", values=[target.id])],
            task_invocation_parameters=aws.ssm.MaintenanceWindowTaskTaskInvocationParametersArgs(
                run_command_parameters=aws.ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersArgs(
                    parameters=[
                        aws.ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersParameterArgs(
                            name="Operation", values=["Install"]),
                        aws.ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersParameterArgs(
                            name="RebootOption", values=[plan.reboot]),
                    ])),
            opts=child(self))
        if plan.agent_schedule is not None:
            aws.ssm.Association(
                logical_name(name, "agent-update"), name=AGENT_DOCUMENT,
                association_name=f"lz-{tagging.environment}-update-ssm-agent",
                schedule_expression=plan.agent_schedule,
                targets=[aws.ssm.AssociationTargetArgs(key=f"tag:{PATCH_GROUP_TAG}", values=[plan.patch_group])],
                tags=tagging.name(f"lz-{tagging.environment}-update-ssm-agent"), opts=child(self))
        self._instance_role(name, account, tagging)
        self.baseline_id, self.maintenance_window_id = baseline.id, window.id
        self.register_outputs({
            "baselineId": self.baseline_id, "patchGroup": self.patch_group,
            "instanceRoleArn": self.instance_role_arn, "instanceProfileName": self.instance_profile_name,
        })

    def _instance_role(self, name: str, account: AccountContext, tagging: Tagging) -> None:
        role_name = logical_name(name, "instance-role")
        role = aws.iam.Role(
            role_name, assume_role_policy=json.dumps(instance_trust_policy(account)),
            description=f"Every {tagging.environment} landing-zone instance: SSM and the CloudWatch agent",
            tags=tagging.name(role_name), opts=child(self))
        for short, arn in managed_policy_arns(account).items():
            aws.iam.RolePolicyAttachment(logical_name(name, "instance", short), role=role.name, policy_arn=arn,
                                         opts=child(self))
        profile = aws.iam.InstanceProfile(
            logical_name(name, "instance-profile"), role=role.name,
            tags=tagging.name(logical_name(name, "instance-profile")), opts=child(self))
        self.instance_role_arn = role.arn
        self.instance_profile_name, self.instance_profile_arn = profile.name, profile.arn
