"""Lambda resource policies do not let everyone invoke a function (FSBP Lambda.1)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.docs import DocumentError
from .._lib.iam import is_public, statements
from .._lib.serverless import PERMISSION, RESOURCE_POLICY, pins_caller

S3 = "s3.amazonaws.com"


def _permission(resource: ResourceView) -> Iterator[Violation]:
    principal = str(resource.get("principal") or "").strip()
    pinned = any(resource.get(k) for k in ("sourceAccount", "sourceArn", "principalOrgId", "eventSourceToken"))
    if "*" in principal and not pinned:
        url = " (with function_url_auth_type NONE: anyone on the internet)" \
            if str(resource.get("functionUrlAuthType") or "").upper() == "NONE" else ""
        yield Violation(f"principal {principal!r} with no source_account, source_arn or principal_org_id lets any "
                        f"AWS account{url} call {resource.get('action')}; the rule demands a named principal or a "
                        "pinning condition", "principal")
    elif principal.lower() == S3 and not resource.get("sourceAccount"):
        yield Violation("principal s3.amazonaws.com without source_account: a bucket of the same name in another "
                        "account can invoke the function; the rule demands source_account", "sourceAccount")


def _policy(resource: ResourceView) -> Iterator[Violation]:
    try:
        found = statements(resource.get("policy"))
    except DocumentError as err:
        yield Violation(f"cannot read the policy: {err}", "policy")
        return
    for stmt in found:
        if stmt.allows and is_public(stmt) and not pins_caller(stmt.conditions):
            yield Violation(f"Statement[{stmt.index}] allows principal '*' with no condition pinning the caller's "
                            "account, organization or source; the rule demands one",
                            f"policy.Statement[{stmt.index}]")
        elif stmt.allows and S3 in stmt.principals.get("service", ()) and \
                not pins_caller(stmt.conditions, ("aws:SourceAccount",)):
            yield Violation(f"Statement[{stmt.index}] allows s3.amazonaws.com without an aws:SourceAccount "
                            "condition; the rule demands one", f"policy.Statement[{stmt.index}]")


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    yield from (_policy if resource.type == RESOURCE_POLICY else _permission)(resource)


RULE = ResourceRule(
    id="lambda_permission_not_public",
    title="Lambda function policies prohibit public access",
    description=(
        "A permission for principal '*' lets every AWS account (and, for a function URL without auth, the "
        "internet) run the function with its role's rights and read its responses. Passes when the grant "
        "is pinned by source_account, source_arn, principal_org_id or an equivalent policy condition. As "
        "FSBP Lambda.1 demands, S3 may only be granted with source_account, since bucket names are not "
        "account-bound."
    ),
    severity=Severity.CRITICAL,
    frameworks={"aws-fsbp": ("Lambda.1",), "seed": ("secure-access",)},
    remediation=(
        "On aws.lambda_.Permission name the calling principal (an account ID, or a service with source_arn "
        "and source_account=<your account>), or add principal_org_id=<your organization>; on "
        "aws.lambda_.ResourcePolicy add a StringEquals condition on aws:SourceAccount or aws:PrincipalOrgID."
    ),
    resource_types=(PERMISSION, RESOURCE_POLICY),
    evaluate=evaluate,
)
