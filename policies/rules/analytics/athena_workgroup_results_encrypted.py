"""Athena workgroups encrypt query results and enforce that on every query."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.messaging import dig

KMS_OPTIONS = ("SSE_KMS", "CSE_KMS")


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    cfg = resource.get("configuration") or {}
    option = dig(cfg, "resultConfiguration", "encryptionConfiguration", "encryptionOption")
    if option is None:
        yield Violation("configuration.resultConfiguration.encryptionConfiguration is not set: query results "
                        "are written to S3 without workgroup-enforced encryption",
                        "configuration.resultConfiguration.encryptionConfiguration.encryptionOption")
    elif config["require_kms"] and option not in KMS_OPTIONS:
        yield Violation(f"result encryptionOption is {option!r}; this stack requires SSE_KMS or CSE_KMS",
                        "configuration.resultConfiguration.encryptionConfiguration.encryptionOption")
    if cfg.get("enforceWorkgroupConfiguration") is False:
        yield Violation("configuration.enforceWorkgroupConfiguration is false: each query's client-side "
                        "settings override the workgroup's output location and encryption",
                        "configuration.enforceWorkgroupConfiguration")


RULE = ResourceRule(
    id="athena_workgroup_results_encrypted",
    title="Athena workgroups encrypt query results and override client-side settings",
    description=(
        "Query results are copies of the data queried. A workgroup's result encryption only holds if "
        "enforce_workgroup_configuration stays true (the provider's default); otherwise each client "
        "chooses. The former FSBP control Athena.1 (retired April 2024) checked encryption at rest; this "
        "rule keeps demanding it, plus enforcement."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("data-encryption",)},
    remediation=(
        "Set configuration=aws.athena.WorkgroupConfigurationArgs(enforce_workgroup_configuration=True, "
        "result_configuration=aws.athena.WorkgroupConfigurationResultConfigurationArgs(encryption_configuration="
        'aws.athena.WorkgroupConfigurationResultConfigurationEncryptionConfigurationArgs(encryption_option="SSE_KMS", '
        "kms_key_arn=key.arn))) on the Workgroup."
    ),
    resource_types=("aws:athena/workgroup:Workgroup",),
    config={"require_kms": {"type": "boolean", "default": False,
                            "description": "also fail SSE_S3 result encryption (demand SSE_KMS or CSE_KMS)"}},
    evaluate=evaluate,
)
