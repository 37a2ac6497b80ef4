"""RDS / Aurora rules over aws.rds.Instance, Cluster, ClusterInstance, Snapshot, ClusterSnapshot, SnapshotCopy."""

import pulumi
import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function


def instance(name: str, **kwargs: object) -> aws.rds.Instance:
    args: dict[str, object] = {"instance_class": "db.t3.micro", "engine": "mysql", "allocated_storage": 20,
                               "username": "orders_owner", "manage_master_user_password": True}
    args.update(kwargs)
    return aws.rds.Instance(name, **args)  # type: ignore[arg-type]


def cluster(name: str, **kwargs: object) -> aws.rds.Cluster:
    args: dict[str, object] = {"engine": "aurora-mysql", "master_username": "orders_owner",
                               "manage_master_user_password": True}
    args.update(kwargs)
    return aws.rds.Cluster(name, **args)  # type: ignore[arg-type]


def member(name: str, **kwargs: object) -> aws.rds.ClusterInstance:
    return aws.rds.ClusterInstance(name, cluster_identifier="c", instance_class="db.r6g.large",
                                   engine="aurora-mysql", **kwargs)  # type: ignore[arg-type]


def test_instance_not_public() -> None:
    def program() -> None:
        instance("ok-implicit")
        instance("ok-explicit", publicly_accessible=False)
        instance("public", publicly_accessible=True)
        member("ok-member")
        member("member-public", publicly_accessible=True)

    graph = run_function(program)
    assert set(violations("rds_instance_not_public", graph)) == {"public", "member-public"}
    [v] = violations("rds_instance_not_public", graph)["member-public"]
    assert v.property == "publiclyAccessible"
    assert "publiclyAccessible is true; this rule demands false" in v.message
    assert set(violations("rds_instance_not_public", graph, {"exemptions": ["member-*"]})) == {"public"}


def test_instance_not_public_unknown_is_cannot_decide() -> None:
    def program() -> None:
        instance("pending", publicly_accessible=unknown(False))

    [v] = violations("rds_instance_not_public", run_function(program))["pending"]
    assert v.message.startswith("cannot decide: publiclyAccessible")


def test_instance_storage_encrypted() -> None:
    def program() -> None:
        instance("ok-encrypted", storage_encrypted=True, kms_key_id="arn:aws:kms:eu-west-1:1:key/x")
        instance("implicit")
        instance("plain", storage_encrypted=False)
        instance("ok-replica", replicate_source_db="ok-encrypted", username=None)

    graph = run_function(program)
    assert set(violations("rds_instance_storage_encrypted", graph)) == {"implicit", "plain"}
    [v] = violations("rds_instance_storage_encrypted", graph)["implicit"]
    assert v.property == "storageEncrypted"
    assert "not set (AWS default: unencrypted)" in v.message


def test_cluster_storage_encrypted() -> None:
    def program() -> None:
        cluster("ok-encrypted", storage_encrypted=True)
        cluster("ok-serverless-v1", engine_mode="serverless")
        cluster("implicit")
        cluster("plain", storage_encrypted=False, engine="postgres", db_cluster_instance_class="db.m6gd.large")

    assert evaluate_rule("rds_cluster_storage_encrypted", program) == {"implicit", "plain"}


def test_instance_multi_az() -> None:
    def program() -> None:
        instance("ok-multi-az", multi_az=True)
        instance("single-az")
        instance("explicit-single", multi_az=False)

    graph = run_function(program)
    assert set(violations("rds_instance_multi_az", graph)) == {"single-az", "explicit-single"}
    assert "not set (AWS default: single-AZ)" in violations("rds_instance_multi_az", graph)["single-az"][0].message


def test_deletion_protection() -> None:
    def program() -> None:
        instance("ok-instance", deletion_protection=True)
        instance("instance-default")
        cluster("ok-cluster", deletion_protection=True)
        cluster("cluster-off", deletion_protection=False)

    graph = run_function(program)
    assert set(violations("rds_instance_deletion_protection", graph)) == {"instance-default"}
    assert set(violations("rds_cluster_deletion_protection", graph)) == {"cluster-off"}
    [v] = violations("rds_cluster_deletion_protection", graph)["cluster-off"]
    assert v.message == "Cluster cluster-off: deletionProtection is false; this rule demands true"


def test_iam_auth() -> None:
    def program() -> None:
        instance("ok-iam", iam_database_authentication_enabled=True)
        instance("mysql-no-iam")
        instance("postgres-no-iam", engine="postgres")
        instance("ok-oracle-unsupported", engine="oracle-ee", license_model="bring-your-own-license")
        cluster("ok-cluster", iam_database_authentication_enabled=True)
        cluster("cluster-no-iam", engine="aurora-postgresql")

    graph = run_function(program)
    assert set(violations("rds_instance_iam_auth", graph)) == {"mysql-no-iam", "postgres-no-iam"}
    assert set(violations("rds_cluster_iam_auth", graph)) == {"cluster-no-iam"}


def test_instance_backups() -> None:
    def program() -> None:
        instance("ok-seven", backup_retention_period=7)
        instance("implicit")
        instance("off", backup_retention_period=0)
        instance("ok-replica", replicate_source_db="ok-seven", username=None, backup_retention_period=0)

    graph = run_function(program)
    assert set(violations("rds_instance_backups_enabled", graph)) == {"implicit", "off"}
    assert set(violations("rds_instance_backups_enabled", graph, {"minimum": 14})) == {"implicit", "off", "ok-seven"}
    [v] = violations("rds_instance_backups_enabled", graph)["implicit"]
    assert v.message == ("Instance implicit: backupRetentionPeriod is not set (AWS default: 1) days; "
                         "this rule demands at least 7")


def test_auto_minor_version_upgrade() -> None:
    def program() -> None:
        instance("ok-default")
        instance("instance-off", auto_minor_version_upgrade=False)
        member("ok-member", auto_minor_version_upgrade=True)
        member("member-off", auto_minor_version_upgrade=False)
        cluster("ok-cluster", engine="postgres", db_cluster_instance_class="db.m6gd.large")
        cluster("cluster-off", engine="postgres", db_cluster_instance_class="db.m6gd.large",
                auto_minor_version_upgrade=False)
        cluster("ok-aurora-upgrades-per-member", auto_minor_version_upgrade=False)

    graph = run_function(program)
    assert set(violations("rds_instance_auto_minor_version_upgrade", graph)) == {"instance-off", "member-off"}
    assert set(violations("rds_cluster_auto_minor_version_upgrade", graph)) == {"cluster-off"}


def test_enhanced_monitoring() -> None:
    role = "arn:aws:iam::1:role/rds-monitoring"

    def program() -> None:
        instance("ok-instance", monitoring_interval=60, monitoring_role_arn=role)
        instance("instance-off")
        instance("instance-slow", monitoring_interval=60, monitoring_role_arn=role)
        member("ok-member", monitoring_interval=15, monitoring_role_arn=role)
        member("member-no-role", monitoring_interval=15)
        cluster("ok-aurora-cluster")  # Aurora monitors per member
        cluster("multi-az-cluster", engine="postgres", db_cluster_instance_class="db.m6gd.large")
        cluster("ok-multi-az-cluster", engine="postgres", db_cluster_instance_class="db.m6gd.large",
                monitoring_interval=30, monitoring_role_arn=role)

    graph = run_function(program)
    assert set(violations("rds_enhanced_monitoring", graph)) == {"instance-off", "member-no-role", "multi-az-cluster"}
    assert set(violations("rds_enhanced_monitoring", graph, {"max_interval": 30})) == {
        "instance-off", "member-no-role", "multi-az-cluster", "ok-instance", "instance-slow"}
    assert [v.property for v in violations("rds_enhanced_monitoring", graph)["member-no-role"]] == ["monitoringRoleArn"]


def test_instance_log_exports() -> None:
    def program() -> None:
        instance("ok-mysql", enabled_cloudwatch_logs_exports=["audit", "error", "general", "slowquery"])
        instance("mysql-partial", enabled_cloudwatch_logs_exports=["error"])
        instance("postgres-none", engine="postgres")
        instance("ok-postgres", engine="postgres", enabled_cloudwatch_logs_exports=["postgresql", "upgrade"])
        instance("sqlserver-none", engine="sqlserver-ex", license_model="license-included")

    graph = run_function(program)
    assert set(violations("rds_instance_log_exports", graph)) == {"mysql-partial", "postgres-none", "sqlserver-none"}
    [v] = violations("rds_instance_log_exports", graph)["mysql-partial"]
    assert v.message == ("Instance mysql-partial (mysql) exports error to CloudWatch Logs; this rule also demands "
                         "audit, general, slowquery")
    relaxed = {"required_log_types": {"mysql": ["error"], "postgres": ["postgresql", "upgrade"]}}
    assert set(violations("rds_instance_log_exports", graph, relaxed)) == {"postgres-none"}


def test_cluster_log_exports() -> None:
    def program() -> None:
        cluster("ok-mysql", enabled_cloudwatch_logs_exports=["audit", "error"])
        cluster("mysql-no-audit", enabled_cloudwatch_logs_exports=["error", "slowquery"])
        cluster("postgres-none", engine="aurora-postgresql")
        cluster("ok-postgres", engine="aurora-postgresql", enabled_cloudwatch_logs_exports=["postgresql"])

    assert evaluate_rule("rds_cluster_log_exports", program) == {"mysql-no-audit", "postgres-none"}


def test_aurora_backtracking() -> None:
    def program() -> None:
        cluster("ok-backtrack", backtrack_window=86400)
        cluster("no-backtrack")
        cluster("ok-postgres", engine="aurora-postgresql")
        cluster("ok-global-member", global_cluster_identifier="g")

    graph = run_function(program)
    assert set(violations("rds_aurora_backtracking", graph)) == {"no-backtrack"}
    assert set(violations("rds_aurora_backtracking", graph, {"minimum": 100000})) == {"no-backtrack", "ok-backtrack"}


def test_copy_tags_to_snapshot() -> None:
    def program() -> None:
        instance("ok-instance", copy_tags_to_snapshot=True)
        instance("instance-default")
        cluster("ok-cluster", copy_tags_to_snapshot=True)
        cluster("cluster-default")

    graph = run_function(program)
    assert set(violations("rds_instance_copy_tags_to_snapshot", graph)) == {"instance-default"}
    assert set(violations("rds_cluster_copy_tags_to_snapshot", graph)) == {"cluster-default"}


def test_no_default_port() -> None:
    def program() -> None:
        instance("ok-mysql", port=13306)
        instance("mysql-implicit")
        instance("postgres-explicit", engine="postgres", port=5432)
        instance("ok-replica", replicate_source_db="ok-mysql", username=None, engine=None)
        cluster("ok-cluster", port=13306)
        cluster("cluster-implicit", engine="aurora-postgresql")

    graph = run_function(program)
    assert set(violations("rds_no_default_port", graph)) == {"mysql-implicit", "postgres-explicit", "cluster-implicit"}
    assert "listens on its default 5432" in violations("rds_no_default_port", graph)["cluster-implicit"][0].message


def test_custom_admin_usernames() -> None:
    def program() -> None:
        instance("ok-instance")
        instance("instance-admin", username="Admin")
        instance("instance-postgres", engine="postgres", username="postgres")
        instance("ok-replica", replicate_source_db="ok-instance", username=None)
        cluster("ok-cluster")
        cluster("cluster-root", master_username="root")

    graph = run_function(program)
    assert set(violations("rds_instance_custom_admin_username", graph)) == {"instance-admin", "instance-postgres"}
    assert set(violations("rds_cluster_custom_admin_username", graph)) == {"cluster-root"}
    assert set(violations("rds_cluster_custom_admin_username", graph, {"default_names": ["admin"]})) == set()
    [v] = violations("rds_instance_custom_admin_username", graph)["instance-admin"]
    assert v.property == "username" and "'Admin', a well-known default" in v.message


def test_snapshot_encrypted() -> None:
    def program() -> None:
        ok_db = instance("ok-db", identifier="ok-db", storage_encrypted=True)
        plain_db = instance("plain-db", identifier="plain-db")
        aws.rds.Snapshot("ok-snap", db_instance_identifier=ok_db.identifier, db_snapshot_identifier="ok-snap")
        plain = aws.rds.Snapshot("plain-snap", db_instance_identifier=plain_db.identifier,
                                 db_snapshot_identifier="plain-snap")
        aws.rds.Snapshot("plain-by-name", db_instance_identifier="plain-db", db_snapshot_identifier="by-name")
        aws.rds.Snapshot("ok-external", db_instance_identifier="elsewhere", db_snapshot_identifier="ext")
        aws.rds.SnapshotCopy("ok-copy-with-key", source_db_snapshot_identifier=plain.db_snapshot_arn,
                             target_db_snapshot_identifier="copy1", kms_key_id="arn:aws:kms:eu-west-1:1:key/x")
        aws.rds.SnapshotCopy("copy-plain", source_db_snapshot_identifier=plain.db_snapshot_arn,
                             target_db_snapshot_identifier="copy2")
        ok_cluster = cluster("ok-cluster", cluster_identifier="ok-cluster", storage_encrypted=True)
        plain_cluster = cluster("plain-cluster", cluster_identifier="plain-cluster")
        aws.rds.ClusterSnapshot("ok-cluster-snap", db_cluster_identifier=ok_cluster.cluster_identifier,
                                db_cluster_snapshot_identifier="a")
        plain_cs = aws.rds.ClusterSnapshot("plain-cluster-snap",
                                           db_cluster_identifier=plain_cluster.cluster_identifier,
                                           db_cluster_snapshot_identifier="b")
        source = plain_cs.db_cluster_snapshot_arn
        aws.rds.ClusterSnapshotCopy("cluster-copy-plain", source_db_cluster_snapshot_identifier=source,
                                    target_db_cluster_snapshot_identifier="c")
        aws.rds.ClusterSnapshotCopy("ok-cluster-copy-key", source_db_cluster_snapshot_identifier=source,
                                    target_db_cluster_snapshot_identifier="d",
                                    kms_key_id="arn:aws:kms:eu-west-1:1:key/x")

    graph = run_function(program)
    found = violations("rds_snapshot_encrypted", graph)
    assert set(found) == {"plain-snap", "plain-by-name", "copy-plain", "plain-cluster-snap", "cluster-copy-plain"}
    assert found["plain-snap"][0].message == (
        "Snapshot plain-snap is taken of Instance plain-db, whose storageEncrypted is not set "
        "(AWS default: unencrypted); this rule demands encrypted snapshots")
    assert set(violations("rds_snapshot_encrypted", graph, {"exemptions": ["*-snap"]})) == {
        "plain-by-name", "copy-plain", "cluster-copy-plain"}


def test_security_group_not_open() -> None:
    def program() -> None:
        app = aws.ec2.SecurityGroup("app-sg", ingress=[aws.ec2.SecurityGroupIngressArgs(
            protocol="tcp", from_port=3306, to_port=3306, cidr_blocks=["10.0.0.0/16"])])
        open_port = aws.ec2.SecurityGroup("open-mysql", ingress=[aws.ec2.SecurityGroupIngressArgs(
            protocol="tcp", from_port=3306, to_port=3306, cidr_blocks=["0.0.0.0/0"])])
        open_other = aws.ec2.SecurityGroup("open-https", ingress=[aws.ec2.SecurityGroupIngressArgs(
            protocol="tcp", from_port=443, to_port=443, cidr_blocks=["0.0.0.0/0"])])
        split = aws.ec2.SecurityGroup("split-sg")
        aws.vpc.SecurityGroupIngressRule("split-all", security_group_id=split.id, ip_protocol="-1",
                                         cidr_ipv6="::/0")
        rule_sg = aws.ec2.SecurityGroup("rule-sg")
        aws.ec2.SecurityGroupRule("rule-5432", type="ingress", security_group_id=rule_sg.id, protocol="tcp",
                                  from_port=5432, to_port=5432, cidr_blocks=["0.0.0.0/0"])
        instance("ok-private", vpc_security_group_ids=[app.id])
        instance("ok-other-port", vpc_security_group_ids=[open_other.id])
        instance("ok-external-sg", vpc_security_group_ids=["sg-0123456789abcdef0"])
        instance("ok-moved-port", port=13306, vpc_security_group_ids=[open_port.id])
        instance("mysql-open", vpc_security_group_ids=[app.id, open_port.id])
        instance("all-ports", port=13306, vpc_security_group_ids=[split.id])
        cluster("aurora-pg-open", engine="aurora-postgresql", vpc_security_group_ids=[rule_sg.id])
        cluster("ok-aurora-mysql", vpc_security_group_ids=[rule_sg.id])

    graph = run_function(program)
    found = violations("rds_security_group_not_open", graph)
    assert set(found) == {"mysql-open", "all-ports", "aurora-pg-open"}
    assert found["mysql-open"][0].message == (
        "Instance mysql-open uses security group open-mysql, whose ingress[0].cidrBlocks[0] admits 0.0.0.0/0 "
        "to port 3306; this rule demands no internet source on the database port")
    assert "(SecurityGroupIngressRule split-all) admits ::/0" in found["all-ports"][0].message
    assert set(violations("rds_security_group_not_open", graph, {"allowed_cidrs": ["0.0.0.0/0", "::/0"]})) == set()


def test_security_group_unknown_rule_is_cannot_decide_for_that_database() -> None:
    def program() -> None:
        sg = aws.ec2.SecurityGroup("pending-sg", ingress=[aws.ec2.SecurityGroupIngressArgs(
            protocol="tcp", from_port=3306, to_port=3306, cidr_blocks=[unknown("0.0.0.0/0")])])
        instance("pending", vpc_security_group_ids=[sg.id])
        instance("ok-no-groups")

    found = violations("rds_security_group_not_open", run_function(program))
    assert set(found) == {"pending"}
    assert found["pending"][0].message.startswith("cannot decide:")


def test_instance_tls_required() -> None:
    def group(name: str, family: str, parameter: str, value: str) -> aws.rds.ParameterGroup:
        return aws.rds.ParameterGroup(name, name=name, family=family, parameters=[
            aws.rds.ParameterGroupParameterArgs(name=parameter, value=value)])

    def program() -> None:
        tls = group("mysql-tls", "mysql8.0", "require_secure_transport", "1")
        plain = group("pg-plain", "postgres14", "rds.force_ssl", "0")
        instance("ok-mysql", parameter_group_name=tls.name)
        instance("ok-mysql-by-name", parameter_group_name="mysql-tls")
        instance("ok-external-group", parameter_group_name="owned-elsewhere")
        instance("mysql-default")
        instance("ok-postgres16-default", engine="postgres", engine_version="16.3")
        instance("postgres14-default", engine="postgres", engine_version="14.12",
                 parameter_group_name="default.postgres14")
        instance("postgres-plain", engine="postgres", engine_version="16.3", parameter_group_name=plain.name)
        instance("sqlserver-default", engine="sqlserver-se", license_model="license-included")
        instance("ok-oracle", engine="oracle-ee", license_model="bring-your-own-license")

    graph = run_function(program)
    found = violations("rds_instance_tls_required", graph)
    assert set(found) == {"mysql-default", "postgres14-default", "postgres-plain", "sqlserver-default"}
    assert found["postgres-plain"][0].message == (
        "Instance postgres-plain uses ParameterGroup pg-plain, whose rds.force_ssl is '0'; this rule demands 1")
    assert "default parameter group leaves require_secure_transport off" in found["mysql-default"][0].message


def test_aurora_mysql_audit_logging() -> None:
    param = aws.rds.ClusterParameterGroupParameterArgs

    def program() -> None:
        audited = aws.rds.ClusterParameterGroup("audited", name="audited", family="aurora-mysql8.0", parameters=[
            param(name="server_audit_logging", value="1"), param(name="server_audit_events", value="CONNECT,QUERY")])
        no_events = aws.rds.ClusterParameterGroup("no-events", name="no-events", family="aurora-mysql8.0",
                                                  parameters=[param(name="server_audit_logging", value="1")])
        cluster("ok-audited", db_cluster_parameter_group_name=audited.name)
        cluster("ok-external", db_cluster_parameter_group_name="owned-elsewhere")
        cluster("default-group")
        cluster("events-missing", db_cluster_parameter_group_name=no_events.name)
        cluster("ok-postgres", engine="aurora-postgresql")

    graph = run_function(program)
    found = violations("rds_aurora_mysql_audit_logging", graph)
    assert set(found) == {"default-group", "events-missing"}
    assert "server_audit_logging is '1' and server_audit_events 'not set'" in found["events-missing"][0].message


def test_security_group_join_falls_back_to_dependencies_while_an_id_is_unknown() -> None:
    def program() -> None:
        sg = aws.ec2.SecurityGroup("open-sg", ingress=[aws.ec2.SecurityGroupIngressArgs(
            protocol="-1", from_port=0, to_port=0, cidr_blocks=["0.0.0.0/0"])])
        aws.rds.Instance("pending-ids", instance_class="db.t3.micro", engine="mysql", allocated_storage=20,
                         username="orders_owner", manage_master_user_password=True,
                         vpc_security_group_ids=[unknown("sg-later")],
                         opts=pulumi.ResourceOptions(depends_on=[sg]))
        instance("ok-unrelated", vpc_security_group_ids=[unknown("sg-other")])

    found = violations("rds_security_group_not_open", run_function(program))
    assert set(found) == {"pending-ids"}
    assert "admits 0.0.0.0/0 to port 3306" in found["pending-ids"][0].message


def test_snapshot_not_public() -> None:
    def program() -> None:
        aws.rds.Snapshot("ok-private", db_instance_identifier="db", db_snapshot_identifier="a")
        aws.rds.Snapshot("ok-shared", db_instance_identifier="db", db_snapshot_identifier="b",
                         shared_accounts=["111122223333"])
        aws.rds.Snapshot("public", db_instance_identifier="db", db_snapshot_identifier="c",
                         shared_accounts=["111122223333", "all"])
        aws.rds.ClusterSnapshot("cluster-public", db_cluster_identifier="c", db_cluster_snapshot_identifier="d",
                                shared_accounts=["all"])
        aws.rds.ClusterSnapshot("ok-cluster", db_cluster_identifier="c", db_cluster_snapshot_identifier="e")
        aws.rds.SnapshotCopy("copy-public", source_db_snapshot_identifier="a", target_db_snapshot_identifier="f",
                             shared_accounts=["all"])
        aws.rds.SnapshotCopy("ok-copy", source_db_snapshot_identifier="a", target_db_snapshot_identifier="g")
        aws.rds.ClusterSnapshotCopy("cluster-copy-public", source_db_cluster_snapshot_identifier="d",
                                    target_db_cluster_snapshot_identifier="h", shared_accounts=["all"])
        aws.rds.ClusterSnapshotCopy("ok-cluster-copy", source_db_cluster_snapshot_identifier="d",
                                    target_db_cluster_snapshot_identifier="i")

    graph = run_function(program)
    found = violations("rds_snapshot_not_public", graph)
    assert set(found) == {"public", "cluster-public", "copy-public", "cluster-copy-public"}
    assert [v.property for v in found["public"]] == ["sharedAccounts[1]"]
