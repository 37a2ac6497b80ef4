"""The account has an AccountPublicAccessBlock with all four flags (a presence rule)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, StackRule, StackView, Violation
from .._lib.s3 import ACCOUNT_PUBLIC_ACCESS_BLOCK, PUBLIC_ACCESS_FLAGS


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    blocks = stack.of_type(ACCOUNT_PUBLIC_ACCESS_BLOCK)
    if not blocks:
        yield Violation("the stack declares no AccountPublicAccessBlock (AWS's account-level default is no "
                        "block; new buckets get their own since April 2023, existing ones do not)")
    for block in blocks:
        # One finding per block, naming every flag it leaves off.
        off = [flag for flag in PUBLIC_ACCESS_FLAGS if block.get(flag) is not True]
        if off:
            flags = ", ".join(f"{flag}={block.get(flag)!r}" for flag in off)
            yield Violation(f"account public access block {block.name} leaves {flags}; all four flags "
                            "must be true", off[0], block.urn)


RULE = StackRule(
    id="s3_account_public_access_blocked",
    title="The account blocks S3 public access (all four flags)",
    description=(
        "The account-wide block covers every bucket, including ones created outside Pulumi; it is the "
        "backstop for a bucket whose own block is missing. A presence rule: run it on the stack that "
        "owns account baselines, not on workload stacks."
    ),
    severity=Severity.MEDIUM,
    frameworks={
        "aws-fsbp": ("S3.1",),
        "cis-aws-5.0": ("2.1.4",),
        "cis-aws-3.0": ("2.1.4",),
        "seed": ("isolated-and-controlled",),
    },
    remediation=(
        "Add aws.s3.AccountPublicAccessBlock(block_public_acls=True, block_public_policy=True, "
        "ignore_public_acls=True, restrict_public_buckets=True) to the account baseline stack."
    ),
    evaluate=evaluate,
)
