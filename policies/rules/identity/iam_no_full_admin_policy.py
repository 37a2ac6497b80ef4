"""No customer policy document allows every action on every resource (CIS 1.16)."""

from collections.abc import Iterator, Mapping
from typing import Any

from framework import ResourceView, Rule, Severity, Violation

from rules._lib.docs import DocumentError
from rules._lib.iam import all_actions, all_resources, statements

ROLE = "aws:iam/role:Role"
POLICY_TYPES = (
    "aws:iam/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
)


def _documents(resource: ResourceView) -> Iterator[tuple[str, Any]]:
    if resource.type == ROLE:
        for i, inline in enumerate(resource.get("inlinePolicies") or ()):
            if inline.get("policy"):  # one empty block is how a role drops every inline policy
                yield f"inlinePolicies[{i}].policy", inline.get("policy")
    else:
        yield "policy", resource.get("policy")


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    count_not = config["count_not_elements"]
    for path, document in _documents(resource):
        try:
            found = statements(document)
        except DocumentError as err:
            yield Violation(f"cannot read the policy document: {err}", path)
            continue
        for stmt in found:
            if stmt.allows and all_actions(stmt, count_not_action=count_not) and all_resources(
                stmt, count_not_resource=count_not
            ):
                what = "every action" if stmt.not_actions is None else f"every action except {list(stmt.not_actions)}"
                yield Violation(f"Statement[{stmt.index}] allows {what} on every resource (full admin)", path)


RULE = Rule(
    id="iam_no_full_admin_policy",
    title='IAM policies do not allow "*" actions on "*" resources',
    description=(
        "A statement allowing Action \"*\" on Resource \"*\" is full administrator access: whoever holds it "
        "can switch off every other control, including this policy pack's. Grant job-function permissions "
        "instead. NotAction/NotResource grant every action or resource they do not list, including ones "
        "AWS adds later, so they count as \"*\" unless configured otherwise."
    ),
    severity=Severity.CRITICAL,
    frameworks={"cis-aws-3.0": ("1.16",), "seed": ("user-management",)},
    remediation=(
        "Replace the statement's Action \"*\" (or NotAction) on Resource \"*\" with the services and "
        "resources the identity needs; for break-glass administrators attach the AWS managed "
        "AdministratorAccess policy to an MFA-protected role instead of writing a custom admin policy."
    ),
    resource_types=(*POLICY_TYPES, ROLE),
    config={"count_not_elements": {
        "type": "boolean", "default": True,
        "description": "treat an Allow with NotAction / NotResource on everything else as full admin",
    }},
    evaluate=evaluate,
)
