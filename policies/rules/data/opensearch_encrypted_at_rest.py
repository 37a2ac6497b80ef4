"""OpenSearch domains are encrypted at rest (FSBP Opensearch.1)."""

from ...framework import Severity
from .._lib.data import SEARCH_DOMAINS, flag_rule

RULE = flag_rule(
    "opensearch_encrypted_at_rest",
    types=SEARCH_DOMAINS,
    prop="encryptAtRest.enabled",
    want=True,
    default=False,
    default_note="provider default without encrypt_at_rest: false",
    title="OpenSearch domains are encrypted at rest",
    description=(
        "Encryption at rest covers indices, swap, logs and automated snapshots with a KMS key. The "
        "provider leaves it off when encrypt_at_rest is not declared. aws.elasticsearch.Domain is the same "
        "service under its old name and is judged too."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Opensearch.1",), "seed": ("data-encryption",)},
    remediation=(
        "Set encrypt_at_rest=aws.opensearch.DomainEncryptAtRestArgs(enabled=True, kms_key_id=key.arn) on the "
        "aws.opensearch.Domain."
    ),
)
