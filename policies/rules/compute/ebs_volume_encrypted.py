"""EBS volumes are encrypted."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import EBS_VOLUME, TRUST_DEFAULT, is_false, is_true


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    value = resource.get("encrypted")
    if is_true(value):
        return
    if is_false(value):
        yield Violation("volume is declared unencrypted", "encrypted")
    elif not config["trust_encryption_by_default"]:
        yield Violation("volume does not set encrypted; EBS encryption by default is a per-account, "
                        "per-Region opt-in that AWS leaves off, and without it the volume is created "
                        "unencrypted", "encrypted")


RULE = ResourceRule(
    id="ebs_volume_encrypted",
    title="EBS volumes are encrypted",
    description=(
        "An unencrypted volume's data and every snapshot taken from it are readable by anyone who can "
        "copy or share the snapshot; encryption puts them behind a KMS key policy."
    ),
    severity=Severity.MEDIUM,
    frameworks={
        "aws-fsbp": ("EC2.3",),
        "cis-aws-5.0": ("5.1.1",),
        "cis-aws-3.0": ("2.2.1",),
        "seed": ("data-encryption",),
    },
    remediation="Set encrypted=True (and kms_key_id= the environment's EBS key) on aws.ebs.Volume.",
    resource_types=(EBS_VOLUME,),
    config=TRUST_DEFAULT,
    evaluate=evaluate,
)
