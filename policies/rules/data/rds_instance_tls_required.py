"""RDS for PostgreSQL, MySQL, MariaDB and SQL Server instances require TLS (FSBP RDS.38, RDS.39, RDS.41, RDS.44)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceView, Severity, StackRule, StackView, Violation, each_resource
from .._lib.data import RDS_INSTANCE, RDS_PARAMETER_GROUP, joined

ON = ("1", "on", "true")
#: Engine -> the parameter that forces TLS.
PARAMETER = {"postgres": "rds.force_ssl", "sqlserver": "rds.force_ssl", "mysql": "require_secure_transport",
             "mariadb": "require_secure_transport"}


def engine_key(engine: Any) -> str | None:
    text = str(engine or "")
    return "sqlserver" if text.startswith("sqlserver") else (text if text in PARAMETER else None)


def default_forces_tls(key: str, version: Any) -> bool:
    # RDS for PostgreSQL 15 and later ship default parameter groups with rds.force_ssl=1; a left-out
    # engine_version gets a current (15+) version. Every other engine's default leaves TLS optional.
    if key != "postgres":
        return False
    if version is None:
        return True
    try:
        return int(str(version).split(".")[0]) >= 15
    except ValueError:
        return False


def setting(group: ResourceView, name: str) -> str | None:
    for p in group.get("parameters") or ():
        if str(p.get("name")) == name:
            return str(p.get("value"))
    return None


def evaluate(stack: StackView, config: Mapping[str, Any]) -> Iterator[Violation]:
    groups = stack.of_type(RDS_PARAMETER_GROUP)

    def check(db: ResourceView) -> Iterator[Violation]:
        key = engine_key(db.get("engine"))
        if key is None:
            return
        parameter = PARAMETER[key]
        name = db.get("parameterGroupName")
        if name is None or str(name).startswith("default."):
            if not default_forces_tls(key, db.get("engineVersion")):
                shown = "not set" if name is None else repr(name)
                yield Violation(f"Instance {db.name} ({db.get('engine')}): parameterGroupName is {shown}, so the "
                                f"default parameter group leaves {parameter} off; this rule demands a parameter "
                                f"group with {parameter}=1", "parameterGroupName")
            return
        for group in joined(stack, db, "parameterGroupName", groups, "name"):
            value = setting(group, parameter)
            if value is None or value.lower() not in ON:
                now = "not set (off)" if value is None else repr(value)
                yield Violation(f"Instance {db.name} uses ParameterGroup {group.name}, whose {parameter} is {now}; "
                                "this rule demands 1", "parameterGroupName")

    yield from each_resource(stack.of_type(RDS_INSTANCE), check)


RULE = StackRule(
    id="rds_instance_tls_required",
    title="RDS for PostgreSQL, MySQL, MariaDB and SQL Server instances require TLS for connections",
    description=(
        "These engines accept unencrypted connections unless the instance's parameter group forces TLS "
        "(rds.force_ssl for PostgreSQL and SQL Server, require_secure_transport for MySQL and MariaDB). "
        "Default parameter groups leave it off, except PostgreSQL 15 and later, whose default forces TLS and "
        "passes. A parameter group declared in the stack is joined by name or reference; one from outside "
        "the stack cannot be decided before deploy and is left alone."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("RDS.38", "RDS.39", "RDS.41", "RDS.44"), "seed": ("data-encryption",)},
    remediation=(
        'Declare aws.rds.ParameterGroup(..., family="mysql8.0", parameters=[aws.rds.ParameterGroupParameterArgs('
        'name="require_secure_transport", value="1")]) (rds.force_ssl=1 for PostgreSQL / SQL Server) and set '
        "parameter_group_name=group.name on the aws.rds.Instance."
    ),
    evaluate=evaluate,
)
