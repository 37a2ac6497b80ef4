"""The account turns EBS encryption by default on (CIS 2.2.1): a presence rule."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.compute import EBS_ENCRYPTION_BY_DEFAULT, is_false


def _switched_off(setting: ResourceView) -> Iterator[Violation]:
    if is_false(setting.get("enabled")):
        yield Violation(f"{setting.name} turns EBS encryption by default off", "enabled", setting.urn)


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    settings = stack.of_type(EBS_ENCRYPTION_BY_DEFAULT)
    yield from each_resource(settings, _switched_off)
    if not settings:
        yield Violation("the stack declares no aws.ebs.EncryptionByDefault: EBS encryption by default is a "
                        "per-account, per-Region opt-in that AWS leaves off, so new volumes are only "
                        "encrypted when each one asks", "enabled")


RULE = StackRule(
    id="ebs_encryption_by_default",
    title="EBS encryption by default is enabled",
    description=(
        "With encryption by default on, every new volume and snapshot copy in the region is encrypted "
        "even when a template forgets to ask. This is a presence rule: it belongs in the account "
        "baseline stack, not in application stacks. `enabled` defaults to true when left out."
    ),
    severity=Severity.MEDIUM,
    frameworks={
        "aws-fsbp": ("EC2.7",),
        "cis-aws-5.0": ("5.1.1",),
        "cis-aws-3.0": ("2.2.1",),
        "seed": ("data-encryption",),
    },
    remediation=(
        "Declare aws.ebs.EncryptionByDefault(enabled=True) in each region's account baseline, with "
        "aws.ebs.DefaultKmsKey pointing at the environment's EBS key."
    ),
    evaluate=evaluate,
)
