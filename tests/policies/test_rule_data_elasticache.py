"""ElastiCache rules over aws.elasticache.Cluster and aws.elasticache.ReplicationGroup."""

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function


def group(name: str, **kwargs: object) -> aws.elasticache.ReplicationGroup:
    args: dict[str, object] = {"description": name, "node_type": "cache.t4g.small", "num_cache_clusters": 2,
                               "subnet_group_name": "cache-private"}
    args.update(kwargs)
    return aws.elasticache.ReplicationGroup(name, **args)  # type: ignore[arg-type]


def node(name: str, **kwargs: object) -> aws.elasticache.Cluster:
    args: dict[str, object] = {"engine": "redis", "node_type": "cache.t4g.small", "num_cache_nodes": 1,
                               "subnet_group_name": "cache-private"}
    args.update(kwargs)
    return aws.elasticache.Cluster(name, **args)  # type: ignore[arg-type]


def member(name: str) -> aws.elasticache.Cluster:
    return aws.elasticache.Cluster(name, replication_group_id="rg")


def test_backups() -> None:
    def program() -> None:
        group("ok-group", snapshot_retention_limit=7)
        group("group-default")
        node("ok-node", snapshot_retention_limit=1)
        node("node-off", snapshot_retention_limit=0)
        node("ok-memcached", engine="memcached")
        member("ok-member")

    graph = run_function(program)
    assert set(violations("elasticache_redis_backups", graph)) == {"group-default", "node-off"}
    assert set(violations("elasticache_redis_backups", graph, {"minimum": 7})) == {"group-default", "node-off",
                                                                                   "ok-node"}


def test_auto_minor_version_upgrade() -> None:
    def program() -> None:
        group("ok-default")
        group("group-off", auto_minor_version_upgrade="false")
        node("node-off", auto_minor_version_upgrade="false")
        node("ok-node", auto_minor_version_upgrade="true")
        node("ok-memcached-off", engine="memcached", auto_minor_version_upgrade="false")

    graph = run_function(program)
    found = violations("elasticache_auto_minor_version_upgrade", graph)
    assert set(found) == {"group-off", "node-off"}
    assert found["node-off"][0].message == (
        "Cluster node-off: autoMinorVersionUpgrade is 'false'; this rule demands true")


def test_failover_and_encryption() -> None:
    def program() -> None:
        group("ok-group", automatic_failover_enabled=True, at_rest_encryption_enabled=True,
              transit_encryption_enabled=True)
        group("redis-defaults")
        group("ok-valkey-at-rest", engine="valkey", automatic_failover_enabled=True, transit_encryption_enabled=True)
        group("explicit-off", automatic_failover_enabled=False, at_rest_encryption_enabled=False,
              transit_encryption_enabled=False, engine="valkey")

    graph = run_function(program)
    assert set(violations("elasticache_automatic_failover", graph)) == {"redis-defaults", "explicit-off"}
    assert set(violations("elasticache_encrypted_at_rest", graph)) == {"redis-defaults", "explicit-off"}
    assert set(violations("elasticache_encrypted_in_transit", graph)) == {"redis-defaults", "explicit-off"}
    assert violations("elasticache_encrypted_at_rest", graph)["redis-defaults"][0].message == (
        "ReplicationGroup redis-defaults: atRestEncryptionEnabled is not set (AWS default for redis: false); "
        "this rule demands true")


def test_redis_auth() -> None:
    def program() -> None:
        group("ok-auth", engine_version="5.0.6", transit_encryption_enabled=True, auth_token="s3cr3t-token-0123")
        group("old-no-auth", engine_version="5.0.6")
        group("ok-rbac-era", engine_version="7.1")
        group("ok-latest")

    assert evaluate_rule("elasticache_redis_auth", program) == {"old-no-auth"}


def test_custom_subnet_group() -> None:
    def program() -> None:
        group("ok-group")
        group("group-default", subnet_group_name="default")
        node("node-unset", subnet_group_name=None)
        node("ok-node")
        member("ok-member")

    graph = run_function(program)
    found = violations("elasticache_custom_subnet_group", graph)
    assert set(found) == {"group-default", "node-unset"}
    assert "not set (AWS uses 'default')" in found["node-unset"][0].message


def test_unknown_retention_is_cannot_decide() -> None:
    def program() -> None:
        group("pending", snapshot_retention_limit=unknown(7))

    [v] = violations("elasticache_redis_backups", run_function(program))["pending"]
    assert v.message.startswith("cannot decide: snapshotRetentionLimit")
