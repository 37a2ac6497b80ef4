"""No root, OU or account carries more policies of a type than AWS Organizations allows."""

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, StackRule, StackView, Violation
from .._lib.organizations import ATTACHMENT, ATTACHMENT_QUOTAS, AWS_MANAGED_DEFAULT, POLICY, RCP, SCP, policy_type


def _target_key(attachment: Any) -> str:
    deps = attachment.property_dependencies.get("targetId", ())
    target = attachment.get("targetId")
    return str(target) if target else (deps[0] if deps else attachment.urn)


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    quotas = {**ATTACHMENT_QUOTAS, SCP: int(config["scp_quota"]), RCP: int(config["rcp_quota"])}
    managed = bool(config["count_aws_managed_default"])
    policies = stack.of_type(POLICY)
    counts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for attachment in stack.of_type(ATTACHMENT):
        policy = next((p for p in policies if stack.refers_to(attachment, "policyId", p)), None)
        kind = policy_type(policy) if policy is not None else SCP  # an AWS-managed or imported SCP by id
        counts[(_target_key(attachment), kind)].append(policy.name if policy is not None else
                                                       str(attachment.get("policyId")))
    for (target, kind), names in sorted(counts.items()):
        total = len(names) + (1 if managed and kind in AWS_MANAGED_DEFAULT else 0)
        if total > quotas[kind]:
            extra = f" plus {AWS_MANAGED_DEFAULT[kind]}" if managed and kind in AWS_MANAGED_DEFAULT else ""
            yield Violation(f"target {target} would carry {total} {kind} policies ({', '.join(names)}{extra}); "
                            f"the quota is {quotas[kind]} per root, OU or account")


RULE = StackRule(
    id="org_policy_attachment_quota",
    title="No target carries more policies of a type than the Organizations quota",
    description=("AWS Organizations allows 5 SCPs and 5 RCPs per root, OU or account (the AWS-managed "
                 "FullAWSAccess/RCPFullAWSAccess counts unless detached) and 10 tag, backup or declarative "
                 "policies: one more and the attachment fails mid-deployment."),
    severity=Severity.HIGH,
    frameworks={"seed": ("isolated-accounts",)},
    remediation="Merge policies for that target, or attach some at a parent OU instead.",
    config={
        "scp_quota": {"type": "integer", "minimum": 1, "default": 5,
                      "description": "SCPs per target your organization's quota allows"},
        "rcp_quota": {"type": "integer", "minimum": 1, "default": 5,
                      "description": "RCPs per target your organization's quota allows"},
        "count_aws_managed_default": {"type": "boolean", "default": True,
                                      "description": "count the AWS-managed FullAWSAccess/RCPFullAWSAccess "
                                                     "attached to every target"},
    },
    evaluate=evaluate,
)
