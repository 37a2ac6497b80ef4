"""KMS keys wait the full 30 days before deletion."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation

KEY_TYPES = (
    "aws:kms/key:Key",
    "aws:kms/externalKey:ExternalKey",
    "aws:kms/replicaKey:ReplicaKey",
    "aws:kms/replicaExternalKey:ReplicaExternalKey",
)


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    days = resource.get("deletionWindowInDays")
    if days is not None and float(days) < config["min_days"]:  # unset means AWS's 30 days
        yield Violation(f"deletion window is {float(days):g} days, below {config['min_days']}",
                        "deletionWindowInDays")


RULE = ResourceRule(
    id="kms_key_deletion_window",
    title="KMS keys keep a 30-day deletion window",
    description=(
        "Deleting a key makes everything encrypted under it unreadable forever; the waiting period is the "
        "only time to notice a mistaken or malicious `pulumi destroy` and cancel it."
    ),
    severity=Severity.LOW,
    frameworks={"seed": ("data-encryption",)},
    remediation="Set deletion_window_in_days=30 on the key (or leave it unset: AWS's default is 30).",
    resource_types=KEY_TYPES,
    config={"min_days": {"type": "integer", "default": 30, "minimum": 7, "maximum": 30,
                         "description": "the shortest acceptable deletion window in days"}},
    evaluate=evaluate,
)
