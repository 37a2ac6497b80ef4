"""ECR repository policies do not let everyone (Principal "*") push or delete images."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.docs import DocumentError
from .._lib.iam import condition_keys, grants_action, is_public, statements

WRITE_ACTIONS = [
    "ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
    "ecr:BatchDeleteImage", "ecr:DeleteRepository", "ecr:DeleteRepositoryPolicy", "ecr:SetRepositoryPolicy",
]
RESTRICTING_KEYS = [
    "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",
    "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceVpce", "aws:SourceVpc",
]


def _restricted(stmt: Any, keys: list[str]) -> bool:
    conditions = condition_keys(stmt)
    return any(conditions.get(k.lower()) and all(v.strip() not in ("", "*") for v in conditions[k.lower()])
               for k in keys)


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    try:
        found = statements(resource.get("policy"))
    except DocumentError as err:
        yield Violation(f"cannot read the repository policy: {err}", "policy")
        return
    for stmt in found:
        if not (stmt.allows and is_public(stmt)) or _restricted(stmt, config["restricting_keys"]):
            continue
        granted = [a for a in config["write_actions"] if grants_action(stmt, a)]
        if granted:
            yield Violation(f"Statement[{stmt.index}] lets any principal (\"*\") {', '.join(granted)} without an "
                            "account or organization condition", "policy")


RULE = ResourceRule(
    id="ecr_repository_policy_no_public_write",
    title='ECR repository policies do not allow Principal "*" to push or delete images',
    description=(
        "A repository policy granting ecr:PutImage, the layer-upload actions, ecr:BatchDeleteImage or "
        "ecr:DeleteRepository (directly or through ecr:* / *) to Principal \"*\" lets any AWS account replace "
        "the images your services pull or delete them: a supply-chain compromise in one statement. A "
        "statement pinned by a concrete aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce (...) "
        "condition is not public. Pull-only public statements are not judged here."
    ),
    severity=Severity.CRITICAL,
    frameworks={"seed": ("isolated-and-controlled", "secure-access")},
    remediation=(
        "In the aws.ecr.RepositoryPolicy, grant push and delete actions only to named principals (CI role "
        "ARNs), or add {\"StringEquals\": {\"aws:PrincipalOrgID\": org_id}} to the statement."
    ),
    resource_types=("aws:ecr/repositoryPolicy:RepositoryPolicy",),
    config={
        "write_actions": {"type": "array", "items": {"type": "string"}, "default": WRITE_ACTIONS,
                          "description": "actions that change or delete a repository's images"},
        "restricting_keys": {"type": "array", "items": {"type": "string"}, "default": RESTRICTING_KEYS,
                             "description": "condition keys that, with concrete values, pin a \"*\" principal"},
    },
    evaluate=evaluate,
)
