"""ElastiCache Redis OSS replication groups before 6.0 use Redis AUTH (FSBP ElastiCache.6)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import ELASTICACHE_REPLICATION_GROUP, cache_engine


def major(version: Any) -> int | None:
    try:
        return int(str(version).split(".")[0])
    except ValueError:
        return None


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    version = resource.get("engineVersion")
    if cache_engine(resource) != "redis" or version is None:  # left out: AWS picks a current (RBAC) version
        return
    number = major(version)
    if number is not None and number < 6 and not resource.get("authToken"):
        yield Violation(f"ReplicationGroup {resource.name}: engineVersion {version!r} predates RBAC and authToken "
                        "is not set, so any client that reaches the port can run commands; this rule demands "
                        "Redis AUTH", "authToken")


RULE = ResourceRule(
    id="elasticache_redis_auth",
    title="ElastiCache Redis OSS replication groups before 6.0 use Redis AUTH",
    description=(
        "Redis OSS before 6.0 has no users: without an AUTH token anyone who reaches the port has full "
        "access. From 6.0 access is managed with RBAC user groups, which FSBP does not judge here."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ElastiCache.6",), "seed": ("secure-access",)},
    remediation=(
        "Set auth_token= a secret (with transit_encryption_enabled=True) on the aws.elasticache.ReplicationGroup, "
        "or upgrade engine_version to 7.x and use user_group_ids."
    ),
    resource_types=(ELASTICACHE_REPLICATION_GROUP,),
    evaluate=evaluate,
)
