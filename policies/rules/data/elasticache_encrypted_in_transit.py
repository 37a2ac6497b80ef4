"""ElastiCache replication groups are encrypted in transit (FSBP ElastiCache.5)."""

from ...framework import Severity
from .._lib.data import ELASTICACHE_REPLICATION_GROUP, flag_rule

RULE = flag_rule(
    "elasticache_encrypted_in_transit",
    types=(ELASTICACHE_REPLICATION_GROUP,),
    prop="transitEncryptionEnabled",
    want=True,
    default=False,
    default_note="AWS default: false",
    title="ElastiCache replication groups are encrypted in transit",
    description=(
        "Without in-transit encryption clients, replicas and backups talk to the cache in plain text, AUTH "
        "tokens included. AWS leaves it off unless transitEncryptionEnabled is true."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("ElastiCache.5",), "seed": ("data-encryption",)},
    remediation="Set transit_encryption_enabled=True on the aws.elasticache.ReplicationGroup (clients must use TLS).",
)
