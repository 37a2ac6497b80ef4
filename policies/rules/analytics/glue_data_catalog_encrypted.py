"""The Glue Data Catalog encrypts metadata and connection passwords with KMS."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.messaging import dig

PATH = "dataCatalogEncryptionSettings"


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    settings = resource.get(PATH) or {}
    mode = dig(settings, "encryptionAtRest", "catalogEncryptionMode")
    if mode in (None, "DISABLED"):
        shown = "not set" if mode is None else "DISABLED"
        yield Violation(f"encryptionAtRest.catalogEncryptionMode is {shown}: table and partition metadata is "
                        "not encrypted with KMS", f"{PATH}.encryptionAtRest.catalogEncryptionMode")
    if dig(settings, "connectionPasswordEncryption", "returnConnectionPasswordEncrypted") is not True:
        yield Violation("connectionPasswordEncryption.returnConnectionPasswordEncrypted is not true: "
                        "GetConnection returns JDBC passwords in clear text",
                        f"{PATH}.connectionPasswordEncryption.returnConnectionPasswordEncrypted")


RULE = ResourceRule(
    id="glue_data_catalog_encrypted",
    title="The Glue Data Catalog encrypts metadata and connection passwords with KMS",
    description=(
        "Catalog metadata names every table, column and S3 location; connections hold database "
        "passwords. Both are unencrypted by AWS default. The rule demands SSE-KMS catalog encryption "
        "and encrypted connection passwords on every DataCatalogEncryptionSettings. (No FSBP control "
        "covers this.)"
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("data-encryption",)},
    remediation=(
        "In aws.glue.DataCatalogEncryptionSettings set encryption_at_rest=...EncryptionAtRestArgs("
        'catalog_encryption_mode="SSE-KMS", sse_aws_kms_key_id=key.arn) and connection_password_encryption='
        "...ConnectionPasswordEncryptionArgs(return_connection_password_encrypted=True, aws_kms_key_id=key.arn)."
    ),
    resource_types=("aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings",),
    evaluate=evaluate,
)
