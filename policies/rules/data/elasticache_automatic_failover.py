"""ElastiCache replication groups have automatic failover enabled (FSBP ElastiCache.3)."""

from ...framework import Severity
from .._lib.data import ELASTICACHE_REPLICATION_GROUP, flag_rule

RULE = flag_rule(
    "elasticache_automatic_failover",
    types=(ELASTICACHE_REPLICATION_GROUP,),
    prop="automaticFailoverEnabled",
    want=True,
    default=False,
    default_note="AWS default: false",
    title="ElastiCache replication groups have automatic failover enabled",
    description=(
        "With automatic failover a replica is promoted when the primary fails, so writes resume in "
        "seconds instead of waiting for a replacement node. AWS leaves it off; it needs at least one replica."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ElastiCache.3",), "seed": ("high-availability",)},
    remediation=(
        "Set automatic_failover_enabled=True (with num_cache_clusters=2 or more, or replicas_per_node_group=1+) "
        "on the aws.elasticache.ReplicationGroup."
    ),
)
