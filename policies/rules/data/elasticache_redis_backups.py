"""ElastiCache (Redis OSS / Valkey) clusters and replication groups have automatic backups (FSBP ElastiCache.1)."""

from ...framework import ResourceView, Severity
from .._lib.data import (
    ELASTICACHE_CLUSTER,
    ELASTICACHE_REPLICATION_GROUP,
    cache_engine,
    minimum_rule,
    standalone_cache,
)


def _applies(resource: ResourceView) -> bool:
    return standalone_cache(resource) and cache_engine(resource) != "memcached"  # memcached has no backups


RULE = minimum_rule(
    "elasticache_redis_backups",
    types=(ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP),
    prop="snapshotRetentionLimit",
    default=0,
    minimum=1,
    unit="days",
    applies=_applies,
    title="ElastiCache (Redis OSS / Valkey) clusters and replication groups keep automatic backups",
    description=(
        "Automatic backups let a cache that holds state (sessions, queues, leaderboards) be restored after "
        "a failure or a FLUSHALL. AWS takes none unless snapshotRetentionLimit is at least 1. Memcached and "
        "clusters that are members of a replication group (judged on the group) are not judged."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("ElastiCache.1",), "seed": ("high-availability",)},
    remediation="Set snapshot_retention_limit=1 (or more, up to 35) on the aws.elasticache.ReplicationGroup / Cluster.",
)
