"""No customer policy document allows every action on every resource (CIS 1.16).

A managed policy used only as a permissions boundary is excluded (AWS Config's
``iam-policy-no-statements-with-admin-access`` ``excludePermissionBoundaryPolicy``): a boundary starts
with Allow "*" on "*" and denies what it forbids, it grants nothing by itself. Which policies are
boundaries lives on the roles, users and attachments, so this is a stack rule.
"""

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, judged
from .._lib.docs import DocumentError
from .._lib.iam import all_actions, all_resources, boundary_only_policies, statements
from .._lib.security import documents

ROLE = "aws:iam/role:Role"
POLICY_TYPES = (
    "aws:iam/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
)


def _full_admin(resource: ResourceView, count_not: bool) -> Iterator[Violation]:
    for path, document in documents(resource):
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


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    count_not = config["count_not_elements"]
    boundaries = boundary_only_policies(stack) if config["exclude_permission_boundaries"] else set()
    for resource in stack.of_type(*POLICY_TYPES, ROLE):
        if resource.urn not in boundaries:
            yield from judged(partial(_full_admin, resource, count_not), resource.urn)


RULE = StackRule(
    id="iam_no_full_admin_policy",
    title='IAM policies do not allow "*" actions on "*" resources',
    description=(
        "A statement allowing Action \"*\" on Resource \"*\" is full administrator access: whoever holds it "
        "can switch off every other control, including this policy pack's. Grant job-function permissions "
        "instead. NotAction/NotResource grant every action or resource they do not list, including ones "
        "AWS adds later, so they count as \"*\" unless configured otherwise. A managed policy used only as "
        "a permissions boundary (named by a role's or user's permissionsBoundary, attached nowhere) is "
        "excluded unless configured otherwise: a boundary grants nothing, it caps the other policies. "
        "Exemptions match the policy's (or role's) resource name."
    ),
    severity=Severity.HIGH,
    frameworks={
        "aws-fsbp": ("IAM.1",),
        "cis-aws-5.0": ("1.15",),
        "cis-aws-3.0": ("1.16",),
        "seed": ("user-management",),
    },
    remediation=(
        "Replace the statement's Action \"*\" (or NotAction) on Resource \"*\" with the services and "
        "resources the identity needs; for break-glass administrators attach the AWS managed "
        "AdministratorAccess policy to an MFA-protected role instead of writing a custom admin policy. "
        "A permissions boundary is exempt only while no attachment (RolePolicyAttachment, "
        "managed_policy_arns, ...) uses the same policy: attach a separate policy instead."
    ),
    config={
        "count_not_elements": {
            "type": "boolean", "default": True,
            "description": "treat an Allow with NotAction / NotResource on everything else as full admin",
        },
        "exclude_permission_boundaries": {
            "type": "boolean", "default": True,
            "description": (
                "skip an aws:iam/policy:Policy that some role's or user's permissionsBoundary names and "
                "no attachment uses: a boundary's Allow \"*\" on \"*\" only caps the identity's other policies"
            ),
        },
    },
    evaluate=evaluate,
)
