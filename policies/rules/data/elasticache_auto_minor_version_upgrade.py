"""ElastiCache clusters and replication groups apply minor engine upgrades automatically (FSBP ElastiCache.2)."""

from ...framework import ResourceView, Severity
from .._lib.data import (
    ELASTICACHE_CLUSTER,
    ELASTICACHE_REPLICATION_GROUP,
    cache_engine,
    flag_rule,
    standalone_cache,
)


def _applies(resource: ResourceView) -> bool:
    return standalone_cache(resource) and cache_engine(resource) != "memcached"


RULE = flag_rule(
    "elasticache_auto_minor_version_upgrade",
    types=(ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP),
    prop="autoMinorVersionUpgrade",
    want=True,
    default=True,
    default_note="AWS default: true",
    applies=_applies,
    title="ElastiCache clusters and replication groups apply minor engine upgrades automatically",
    description=(
        "Minor Redis OSS / Valkey versions carry security fixes; autoMinorVersionUpgrade applies them in "
        "the maintenance window. AWS's default (true) passes; only an explicit false fails. Memcached "
        "(which FSBP excludes) and replication group members are not judged."
    ),
    severity=Severity.HIGH,
    frameworks={"aws-fsbp": ("ElastiCache.2",), "seed": ("frequent-updates",)},
    remediation=('Remove auto_minor_version_upgrade="false" (or set "true") on the aws.elasticache.Cluster / '
                 "ReplicationGroup."),
)
