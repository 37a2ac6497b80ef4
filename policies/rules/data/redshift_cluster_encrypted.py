"""Redshift clusters are encrypted at rest (FSBP Redshift.10)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import REDSHIFT_CLUSTER, truthy


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if truthy(resource.get("encrypted")) is False:
        yield Violation(f"Cluster {resource.name}: encrypted is 'false'; this rule demands encryption at rest",
                        "encrypted")
    elif config["require_cmk"] and not resource.get("kmsKeyId"):
        yield Violation(f"Cluster {resource.name}: kmsKeyId is not set, so the cluster uses an AWS managed key "
                        "(the provider's default encrypts with it); this rule also demands a customer managed key",
                        "kmsKeyId")


RULE = ResourceRule(
    id="redshift_cluster_encrypted",
    title="Redshift clusters are encrypted at rest",
    description=(
        "New provisioned clusters are encrypted by default (the provider's encrypted defaults to true), "
        "so only an explicit encrypted=false fails. With require_cmk the rule also demands kmsKeyId, a "
        "customer managed key whose policy governs every decrypt, which is more than AWS's default."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Redshift.10",), "seed": ("data-encryption",)},
    remediation=('Remove encrypted="false" from the aws.redshift.Cluster and set kms_key_id= the '
                 "environment's data key ARN."),
    resource_types=(REDSHIFT_CLUSTER,),
    config={"require_cmk": {"type": "boolean", "default": False,
                            "description": "also demand kmsKeyId (a customer managed key)"}},
    evaluate=evaluate,
)
