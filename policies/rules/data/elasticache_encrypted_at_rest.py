"""ElastiCache replication groups are encrypted at rest (FSBP ElastiCache.4)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import ELASTICACHE_REPLICATION_GROUP, cache_engine, truthy


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    engine = cache_engine(resource)
    value = truthy(resource.get("atRestEncryptionEnabled"))
    default = engine == "valkey"  # the provider: false for redis, true for valkey
    if (default if value is None else value) is not True:
        now = f"not set (AWS default for {engine}: false)" if value is None else "false"
        yield Violation(f"ReplicationGroup {resource.name}: atRestEncryptionEnabled is {now}; this rule demands "
                        "true", "atRestEncryptionEnabled")


RULE = ResourceRule(
    id="elasticache_encrypted_at_rest",
    title="ElastiCache replication groups are encrypted at rest",
    description=(
        "At-rest encryption covers the nodes' disks during sync and swap and the backups in S3; it can "
        "only be chosen at creation. AWS turns it on by default for Valkey but not for Redis OSS, so a "
        "Redis group must set atRestEncryptionEnabled true."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ElastiCache.4",), "seed": ("data-encryption",)},
    remediation=("Set at_rest_encryption_enabled=True (and kms_key_id= the data key ARN) on the "
                 "aws.elasticache.ReplicationGroup."),
    resource_types=(ELASTICACHE_REPLICATION_GROUP,),
    evaluate=evaluate,
)
