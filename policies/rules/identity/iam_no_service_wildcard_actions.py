"""Customer IAM policies do not Allow every action of a service ("s3:*") (FSBP IAM.21)."""

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, StackRule
from .._lib.iam import PolicyStatement, all_resources
from .._lib.security import INLINE_POLICY_TYPES, MANAGED_POLICY, ROLE, identity_policy_rule_evaluate

_SERVICE_WILDCARD = re.compile(r"^[a-z0-9-]+:\*+$", re.IGNORECASE)


def judge(stmt: PolicyStatement, config: Mapping[str, Any]) -> Iterator[str]:
    if not stmt.allows:
        return
    if stmt.not_actions is not None:
        # NotAction on Resource "*" is full admin, which iam_no_full_admin_policy reports.
        wild = [a for a in stmt.not_actions if _SERVICE_WILDCARD.match(a.strip())]
        if wild and not all_resources(stmt, count_not_resource=True):
            yield f"allows every action except {wild} (NotAction grants whole services)"
        return
    wild = [a for a in stmt.actions if _SERVICE_WILDCARD.match(a.strip())]
    allowed = {a.lower() for a in config["allowed_services"]}
    wild = [a for a in wild if a.split(":", 1)[0].lower() not in allowed]
    if wild:
        yield f"allows every action of a service: {', '.join(wild)}"


def _types(config: Mapping[str, Any]) -> tuple[str, ...]:
    return (MANAGED_POLICY, *INLINE_POLICY_TYPES, ROLE) if config["include_inline"] else (MANAGED_POLICY,)


RULE = StackRule(
    id="iam_no_service_wildcard_actions",
    title='Customer IAM policies do not allow wildcard actions for a whole service ("service:*")',
    description=(
        "\"s3:*\" grants every S3 action there is and every one AWS adds later, including s3:PutBucketPolicy "
        "and s3:DeleteBucket; \"iam:*\" is an administrator in all but name. Scope actions to what the "
        "workload calls (a prefix wildcard such as ec2:Describe* passes). Judges managed policies (FSBP IAM.21) "
        "and, unless configured otherwise, inline role/user/group policies; Action \"*\" is left to "
        "iam_no_full_admin_policy, and a policy used only as a permissions boundary is skipped."
    ),
    severity=Severity.LOW,
    frameworks={"aws-fsbp": ("IAM.21",), "seed": ("user-management",)},
    remediation=(
        "Replace \"service:*\" in the statement's Action with the actions the identity needs (for example "
        "[\"s3:GetObject\", \"s3:PutObject\"]), or with prefix wildcards such as \"s3:Get*\"; build documents "
        "with aws.iam.get_policy_document so the list is reviewed as code."
    ),
    config={
        "include_inline": {"type": "boolean", "default": True,
                           "description": "also judge inline policies (RolePolicy, UserPolicy, GroupPolicy, Role "
                                          "inline_policies); FSBP IAM.21 judges managed policies only"},
        "allowed_services": {"type": "array", "items": {"type": "string"}, "default": [],
                             "description": "service prefixes whose \"service:*\" a team explicitly accepts"},
    },
    evaluate=identity_policy_rule_evaluate(judge, _types),
)
