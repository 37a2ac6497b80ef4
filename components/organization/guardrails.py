"""GuardrailPolicies: the SCP, RCP, declarative, tag and backup documents and where they are attached."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import pulumi
import pulumi_aws as aws

from ..base import child, type_token
from ..environment import Environment
from .plan import PolicyPlan, plan_policies, render_policy
from .spec import OrganizationSpec


def _render(plan: PolicyPlan, spec: OrganizationSpec, partition: str, organization_id: str) -> str:
    return render_policy(plan, spec, organization_id, partition)


class GuardrailPolicies(pulumi.ComponentResource):
    """Children: `policy-<name>` per document, `policy-<name>-<target>` per attachment.

    The documents are the files under assets/, rendered with the organization id and the spec's
    parameters; quotas and sizes were checked by the plan before anything was registered.
    """

    policies: dict[str, aws.organizations.Policy]
    attachments: dict[tuple[str, str], aws.organizations.PolicyAttachment]

    def __init__(
        self,
        name: str,
        spec: OrganizationSpec,
        *,
        env: Environment,
        organization_id: pulumi.Input[str],
        target_ids: Mapping[str, pulumi.Input[str]],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(type_token("organization", "GuardrailPolicies"), name, None, env.options(opts))
        self.policies, self.attachments = {}, {}
        for plan in plan_policies(spec):
            content = pulumi.Output.from_input(organization_id).apply(
                functools.partial(_render, plan, spec, env.partition))
            policy = aws.organizations.Policy(
                plan.logical, name=plan.name, type=plan.type, description=plan.description, content=content,
                tags=env.tagging.name(plan.name), opts=child(self))
            self.policies[plan.name] = policy
            for target in plan.targets:
                self.attachments[(plan.name, target)] = aws.organizations.PolicyAttachment(
                    plan.attachment_logical(target), policy_id=policy.id, target_id=target_ids[target],
                    opts=child(self))
        self.register_outputs({"policyIds": {n: p.id for n, p in self.policies.items()}})
