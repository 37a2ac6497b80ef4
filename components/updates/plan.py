"""Pure planning of patch management and the instance role documents (no pulumi import)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..base import AccountContext
from .spec import UpdatesSpec

OPERATING_SYSTEM = "AMAZON_LINUX_2023"
CLASSIFICATIONS = ("Security", "Bugfix")
PATCH_GROUP_TAG = "Patch Group"
PATCH_DOCUMENT = "AWS-RunPatchBaseline"
AGENT_DOCUMENT = "AWS-UpdateSSMAgent"
#: What every landing-zone instance needs: Session Manager / Patch Manager, and the CloudWatch agent.
INSTANCE_MANAGED_POLICIES = {
    "ssm-core": "AmazonSSMManagedInstanceCore",
    "cloudwatch-agent": "CloudWatchAgentServerPolicy",
}


@dataclass(frozen=True)
class PatchPlan:
    baseline_name: str
    patch_group: str
    classifications: tuple[str, ...]
    severities: tuple[str, ...]
    approve_after_days: int
    compliance_level: str
    default_baseline: bool
    window_name: str
    schedule: str
    schedule_timezone: str
    duration_hours: int
    cutoff_hours: int
    max_concurrency: str
    max_errors: str
    reboot: str
    agent_schedule: str | None

    @property
    def instance_tags(self) -> dict[str, str]:
        """Tags an instance carries to be patched by this plan."""
        return {PATCH_GROUP_TAG: self.patch_group}


def plan_patching(spec: UpdatesSpec, environment: str) -> PatchPlan:
    severities = ("Critical", "Important", "Medium") if spec.include_medium_severity else ("Critical", "Important")
    return PatchPlan(
        baseline_name=f"lz-{environment}-al2023",
        patch_group=spec.patch_group or f"lz-{environment}",
        classifications=CLASSIFICATIONS,
        severities=severities,
        approve_after_days=spec.approve_after_days,
        compliance_level=spec.compliance_level,
        default_baseline=spec.default_baseline,
        window_name=f"lz-{environment}-patching",
        schedule=spec.schedule,
        schedule_timezone=spec.schedule_timezone,
        duration_hours=spec.duration_hours,
        cutoff_hours=spec.cutoff_hours,
        max_concurrency=spec.max_concurrency,
        max_errors=spec.max_errors,
        reboot=spec.reboot,
        agent_schedule=spec.agent_update_schedule if spec.update_ssm_agent else None,
    )


def managed_policy_arns(account: AccountContext) -> dict[str, str]:
    """Short name (used in logical names) -> AWS managed policy ARN."""
    return {k: f"arn:{account.partition}:iam::aws:policy/{p}" for k, p in INSTANCE_MANAGED_POLICIES.items()}


def instance_trust_policy(account: AccountContext) -> dict[str, Any]:
    """Only EC2, launching instances in this account, may hand the role to an instance."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "ec2.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": account.account_id}},
            }
        ],
    }
