"""OpenSearch domains have fine-grained access control enabled (FSBP Opensearch.7)."""

from ...framework import Severity
from .._lib.data import SEARCH_DOMAINS, flag_rule

RULE = flag_rule(
    "opensearch_fine_grained_access",
    types=SEARCH_DOMAINS,
    prop="advancedSecurityOptions.enabled",
    want=True,
    default=False,
    default_note="AWS default: off",
    title="OpenSearch domains have fine-grained access control enabled",
    description=(
        "Fine-grained access control adds users, roles and index-, document- and field-level permissions "
        "behind the domain's resource policy; without it any principal the policy admits can read every "
        "index. AWS leaves it off."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("Opensearch.7",), "seed": ("user-management",)},
    remediation=(
        "Set advanced_security_options=aws.opensearch.DomainAdvancedSecurityOptionsArgs(enabled=True, "
        "internal_user_database_enabled=False, master_user_options=...(master_user_arn=role.arn)) "
        "(with node-to-node encryption, encryption at rest and enforce_https)."
    ),
)
