"""Every bucket has a BucketPublicAccessBlock with all four flags true."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import Severity, StackView, Violation
from .._lib.s3 import ACCOUNT_PUBLIC_ACCESS_BLOCK, PUBLIC_ACCESS_FLAGS, S3Bucket, bucket_rule, facts


def _account_blocked(stack: StackView) -> bool:
    return any(all(block.get(flag) is True for flag in PUBLIC_ACCESS_FLAGS)
               for block in stack.of_type(ACCOUNT_PUBLIC_ACCESS_BLOCK))


def check(bucket: S3Bucket, config: Mapping[str, Any]) -> Iterator[Violation]:
    if config["account_block_suffices"] and _account_blocked(bucket.stack):
        return
    found = facts(bucket, "public_access_block")
    if not found:
        yield Violation(f"bucket {bucket.name} has no BucketPublicAccessBlock; AWS turns all four flags on "
                        "for buckets created since April 2023, but this rule demands the block be declared "
                        "in the program, so no console or API change can quietly drop it", "bucket")
    # One finding per block resource, naming every flag it leaves off: one defect, one finding.
    by_block: dict[str, list[Any]] = {}
    for fact in found:
        if fact.value is not True:
            by_block.setdefault(fact.source.urn, []).append(fact)
    for off in by_block.values():
        flags = ", ".join(f"{f.path}={f.value!r}" for f in off)
        kind = off[0].source.type.rsplit(":", 1)[-1]
        yield Violation(f"{kind} {off[0].source.name} leaves {flags}; all four flags must be true",
                        off[0].path)


RULE = bucket_rule(
    "s3_bucket_public_access_blocked",
    check,
    title="S3 buckets block public access (all four flags)",
    description=(
        "Block Public Access is the guard that holds when someone later adds a public ACL or a '*' "
        "policy; without all four flags one mistaken statement publishes the bucket."
    ),
    severity=Severity.HIGH,
    frameworks={
        "aws-fsbp": ("S3.8",),
        "cis-aws-5.0": ("2.1.4",),
        "cis-aws-3.0": ("2.1.4",),
        "seed": ("isolated-and-controlled", "data-encryption"),
    },
    remediation=(
        "Add aws.s3.BucketPublicAccessBlock(bucket=bucket.id, block_public_acls=True, "
        "block_public_policy=True, ignore_public_acls=True, restrict_public_buckets=True)."
    ),
    config={"account_block_suffices": {
        "type": "boolean", "default": False,
        "description": "accept an AccountPublicAccessBlock with all four flags declared in the same stack",
    }},
)
