"""Data stores (RDS/Aurora, DynamoDB, Redshift, ElastiCache, OpenSearch, EFS): type tokens, engine facts
and the value-check family most of their rules are (Checkov's ``BaseResourceValueCheck``, declared)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Rule, Severity, StackView, UnknownValueError, Violation

RDS_INSTANCE = "aws:rds/instance:Instance"
RDS_CLUSTER = "aws:rds/cluster:Cluster"
RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance"
RDS_SNAPSHOT = "aws:rds/snapshot:Snapshot"
RDS_CLUSTER_SNAPSHOT = "aws:rds/clusterSnapshot:ClusterSnapshot"
RDS_PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup"
RDS_CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup"

#: Engine family -> the port AWS assigns when ``port`` is left out (RDS.23 flags it).
DEFAULT_PORTS = {"mysql": 3306, "postgres": 5432, "oracle": 1521, "sqlserver": 1433, "db2": 50000}


def engine_family(engine: Any) -> str | None:
    """``aurora-mysql`` -> mysql, ``sqlserver-ee`` -> sqlserver, ``custom-oracle-ee`` -> oracle; None if unknown."""
    text = str(engine or "").lower().removeprefix("custom-")
    if text in ("mysql", "mariadb", "aurora", "aurora-mysql"):
        return "mysql"
    if text in ("postgres", "aurora-postgresql"):
        return "postgres"
    for family in ("oracle", "sqlserver", "db2"):
        if text.startswith(family):
            return family
    return None


def is_aurora(resource: ResourceView) -> bool:
    return str(resource.get("engine") or "aurora").startswith("aurora")  # a Cluster's engine defaults to aurora


def truthy(value: Any) -> bool | None:
    """Provider booleans arrive as bools or as the strings "true"/"false" (Redshift ``encrypted``)."""
    if value is None or isinstance(value, bool):
        return value
    return str(value).strip().lower() == "true"


def lookup(resource: ResourceView, path: str) -> Any:
    """``a.b`` through nested objects; None when any step is absent (an unknown step still raises)."""
    value: Any = resource.props
    for key in path.split("."):
        if value is None:
            return None
        value = value.get(key)
    return value


def shown(value: Any, default_note: str | None) -> str:
    if value is None:
        return f"not set ({default_note})" if default_note else "not set"
    return repr(value).lower() if isinstance(value, bool) else repr(value)


def kind(resource: ResourceView) -> str:
    return resource.type.rsplit(":", 1)[-1]


def flag_rule(rule_id: str, *, types: tuple[str, ...], prop: str, want: bool, default: bool | None,
              title: str, description: str, severity: Severity, frameworks: dict[str, tuple[str, ...]],
              remediation: str, default_note: str | None = None,
              applies: Callable[[ResourceView], bool] | None = None,
              paths: Mapping[str, str] | None = None) -> Rule:
    """``prop`` must be ``want``. ``default`` is what AWS does when it is left out (None: unknown -> fail);
    ``paths`` overrides ``prop`` per type token; ``applies`` skips resources the control ignores."""

    def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
        if applies is not None and not applies(resource):
            return
        where = (paths or {}).get(resource.type, prop)
        raw = lookup(resource, where)
        value = truthy(raw)
        effective = default if value is None else value
        if effective is not want:
            yield Violation(f"{kind(resource)} {resource.name}: {where} is {shown(raw, default_note)}; "
                            f"this rule demands {str(want).lower()}", where)

    return ResourceRule(id=rule_id, title=title, description=description, severity=severity, frameworks=frameworks,
                remediation=remediation, resource_types=types, evaluate=evaluate)


def minimum_rule(rule_id: str, *, types: tuple[str, ...], prop: str, default: float, minimum: int,
                 unit: str, title: str, description: str, severity: Severity,
                 frameworks: dict[str, tuple[str, ...]], remediation: str,
                 applies: Callable[[ResourceView], bool] | None = None) -> Rule:
    """Numeric ``prop`` (``default`` when left out) must be at least the ``minimum`` config value."""

    def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
        if applies is not None and not applies(resource):
            return
        value = lookup(resource, prop)
        effective = float(default if value is None else value)
        if effective < config["minimum"]:
            now = f"not set (AWS default: {default:g})" if value is None else f"{float(value):g}"
            yield Violation(f"{kind(resource)} {resource.name}: {prop} is {now} {unit}; this rule demands at "
                            f"least {config['minimum']}", prop)

    return ResourceRule(id=rule_id, title=title, description=description, severity=severity, frameworks=frameworks,
                remediation=remediation, resource_types=types, evaluate=evaluate,
                config={"minimum": {"type": "integer", "default": minimum, "minimum": 1,
                                    "description": f"lowest accepted {prop}, in {unit}"}})


def strings(value: Any) -> list[str]:
    """A list-or-scalar property as strings (an unknown element still raises when read)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def points_at(stack: StackView, source: ResourceView, prop: str, target: ResourceView,
              *target_props: str) -> bool:
    """Whether ``source.<prop>`` (a scalar or a list) names ``target``: by the engine's dependency record,
    or by value against the target's ``id`` and ``target_props`` (e.g. ``identifier``, ``name``)."""
    if stack.refers_to(source, prop, target):  # the dependency record first, then a scalar id
        return True
    try:
        values = set(strings(source.get(prop)))
    except UnknownValueError:  # an element unknown during preview: fall back to the dependency record
        return target.urn in source.dependencies
    for key in ("id", *target_props):
        try:
            mine = target.get(key)
        except UnknownValueError:  # an unknown target value joins nothing by value
            continue
        if mine is not None and str(mine) in values:
            return True
    return False


def joined(stack: StackView, source: ResourceView, prop: str, targets: Iterable[ResourceView],
           *target_props: str) -> list[ResourceView]:
    return [t for t in targets if points_at(stack, source, prop, t, *target_props)]


def admin_username_rule(rule_id: str, *, types: tuple[str, ...], prop: str, defaults: list[str], title: str,
                        description: str, severity: Severity, frameworks: dict[str, tuple[str, ...]],
                        remediation: str, absent_is_default: str | None = None) -> Rule:
    """The admin user name is not one of the well-known defaults. ``absent_is_default``: the name AWS uses
    when ``prop`` is left out (None: nothing to judge, e.g. a replica or restore inherits it)."""

    def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
        value = resource.get(prop)
        if value is None and absent_is_default is None:
            return
        name = str(absent_is_default) if value is None else str(value)
        banned = {d.lower() for d in config["default_names"]}
        if name.lower() in banned:
            now = f"not set (AWS default: {name!r})" if value is None else repr(name)
            yield Violation(f"{kind(resource)} {resource.name}: {prop} is {now}, a well-known default; this rule "
                            "demands a name attackers cannot guess", prop)

    return ResourceRule(id=rule_id, title=title, description=description, severity=severity, frameworks=frameworks,
                remediation=remediation, resource_types=types, evaluate=evaluate,
                config={"default_names": {"type": "array", "items": {"type": "string"}, "default": defaults,
                                          "description": "names treated as defaults (compared case-insensitively)"}})

DYNAMODB_TABLE = "aws:dynamodb/table:Table"
DYNAMODB_TABLE_REPLICA = "aws:dynamodb/tableReplica:TableReplica"
DAX_CLUSTER = "aws:dax/cluster:Cluster"
EFS_FILE_SYSTEM = "aws:efs/fileSystem:FileSystem"
EFS_ACCESS_POINT = "aws:efs/accessPoint:AccessPoint"
EFS_BACKUP_POLICY = "aws:efs/backupPolicy:BackupPolicy"
EFS_MOUNT_TARGET = "aws:efs/mountTarget:MountTarget"
SUBNET = "aws:ec2/subnet:Subnet"

REDSHIFT_CLUSTER = "aws:redshift/cluster:Cluster"
REDSHIFT_PARAMETER_GROUP = "aws:redshift/parameterGroup:ParameterGroup"
REDSHIFT_LOGGING = "aws:redshift/logging:Logging"
ELASTICACHE_CLUSTER = "aws:elasticache/cluster:Cluster"
ELASTICACHE_REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup"
OPENSEARCH_DOMAIN = "aws:opensearch/domain:Domain"
ELASTICSEARCH_DOMAIN = "aws:elasticsearch/domain:Domain"
SEARCH_DOMAINS = (OPENSEARCH_DOMAIN, ELASTICSEARCH_DOMAIN)


def internet_openings(stack: StackView, resource: ResourceView, port: int | None,
                      config: Mapping[str, Any]) -> Iterator[Violation]:
    """One violation per internet source that the security groups in ``resource.vpcSecurityGroupIds``
    (inline ingress or separate rule resources, all declared in the stack) admit to ``port`` or to every
    port. Groups from outside the stack are not known before deploy and are left alone."""
    from .exposure import GROUP_TYPES, group_openings  # rule resources indexed once per stack
    from .net import covers_port, is_exposed

    for group in joined(stack, resource, "vpcSecurityGroupIds", stack.of_type(*GROUP_TYPES)):
        for source, o in group_openings(stack, group):
            reaches = covers_port(o.protocol, o.from_port, o.to_port, None) or (
                port is not None and covers_port(o.protocol, o.from_port, o.to_port, port))
            if reaches and is_exposed(o.cidr, config["allowed_cidrs"], config["strict"]):
                where = "" if source is group else f" ({kind(source)} {source.name})"
                what = f"port {port}" if port is not None else "every port"
                yield Violation(f"{kind(resource)} {resource.name} uses security group {group.name}, whose "
                                f"{o.path}{where} admits {o.cidr} to {what}; this rule demands no "
                                "internet source on the database port", "vpcSecurityGroupIds")


def cache_engine(resource: ResourceView) -> str:
    """A ReplicationGroup defaults to redis; a Cluster that joins a replication group inherits its engine."""
    return str(resource.get("engine") or "redis").lower()


def standalone_cache(resource: ResourceView) -> bool:
    """A Cluster with replicationGroupId is a member: its settings come from the group, judged itself."""
    return resource.type != ELASTICACHE_CLUSTER or not resource.get("replicationGroupId")


def log_publishing_rule(rule_id: str, *, log_type: str, types: tuple[str, ...], title: str, description: str,
                        severity: Severity, frameworks: dict[str, tuple[str, ...]], remediation: str) -> Rule:
    """A search domain's logPublishingOptions has an enabled ``log_type`` entry with a CloudWatch log group."""

    def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
        entries = [o for o in resource.get("logPublishingOptions") or () if o.get("logType") == log_type]
        if not entries:
            yield Violation(f"{kind(resource)} {resource.name}: logPublishingOptions has no {log_type} entry; "
                            f"this rule demands {log_type} published to CloudWatch Logs", "logPublishingOptions")
        for o in entries:
            if o.get("enabled") is False or not o.get("cloudwatchLogGroupArn"):
                yield Violation(f"{kind(resource)} {resource.name}: the {log_type} entry is disabled or has no "
                                f"cloudwatchLogGroupArn; this rule demands {log_type} published to CloudWatch "
                                "Logs", "logPublishingOptions")

    return ResourceRule(id=rule_id, title=title, description=description, severity=severity, frameworks=frameworks,
                remediation=remediation, resource_types=types, evaluate=evaluate)
