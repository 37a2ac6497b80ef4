"""Redshift rules over aws.redshift.Cluster, joined to ParameterGroup, Logging and ec2 security groups."""

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function


def cluster(name: str, **kwargs: object) -> aws.redshift.Cluster:
    args: dict[str, object] = {"cluster_identifier": name, "node_type": "ra3.xlplus",
                               "master_username": "warehouse_owner", "manage_master_password": True}
    args.update(kwargs)
    return aws.redshift.Cluster(name, **args)  # type: ignore[arg-type]


def test_flags() -> None:
    def program() -> None:
        cluster("ok-all", publicly_accessible=False, enhanced_vpc_routing=True, multi_az=True,
                allow_version_upgrade=True, automated_snapshot_retention_period=7)
        cluster("defaults")
        cluster("bad-all", publicly_accessible=True, enhanced_vpc_routing=False, multi_az=False,
                allow_version_upgrade=False, automated_snapshot_retention_period=0, encrypted="false",
                master_username="awsuser")

    graph = run_function(program)
    assert set(violations("redshift_cluster_not_public", graph)) == {"bad-all"}
    assert set(violations("redshift_cluster_enhanced_vpc_routing", graph)) == {"defaults", "bad-all"}
    assert set(violations("redshift_cluster_multi_az", graph)) == {"defaults", "bad-all"}
    assert set(violations("redshift_cluster_version_upgrade", graph)) == {"bad-all"}
    assert set(violations("redshift_cluster_automated_snapshots", graph)) == {"defaults", "bad-all"}
    assert set(violations("redshift_cluster_automated_snapshots", graph, {"minimum": 1})) == {"bad-all"}
    assert set(violations("redshift_cluster_custom_admin_username", graph)) == {"bad-all"}
    assert set(violations("redshift_cluster_encrypted", graph)) == {"bad-all"}
    assert set(violations("redshift_cluster_encrypted", graph, {"require_cmk": True})) == {"ok-all", "defaults",
                                                                                           "bad-all"}
    [public] = violations("redshift_cluster_not_public", graph)["bad-all"]
    assert public.message == "Cluster bad-all: publiclyAccessible is true; this rule demands false"
    assert violations("redshift_cluster_automated_snapshots", graph)["defaults"][0].message == (
        "Cluster defaults: automatedSnapshotRetentionPeriod is not set (AWS default: 1) days; "
        "this rule demands at least 7")


def test_require_ssl() -> None:
    def params(name: str, value: str | None) -> aws.redshift.ParameterGroup:
        parameters = [aws.redshift.ParameterGroupParameterArgs(name="enable_user_activity_logging", value="true")]
        if value is not None:
            parameters.append(aws.redshift.ParameterGroupParameterArgs(name="require_ssl", value=value))
        return aws.redshift.ParameterGroup(name, name=name, family="redshift-1.0", parameters=parameters)

    def program() -> None:
        tls = params("tls", "true")
        plain = params("plain", "false")
        silent = params("silent", None)
        cluster("ok-tls", cluster_parameter_group_name=tls.name)
        cluster("ok-tls-by-name", cluster_parameter_group_name="tls")
        cluster("ok-external-group", cluster_parameter_group_name="managed-elsewhere")
        cluster("no-group")
        cluster("default-group", cluster_parameter_group_name="default.redshift-1.0")
        cluster("plain-group", cluster_parameter_group_name=plain.name)
        cluster("silent-group", cluster_parameter_group_name=silent.name)

    graph = run_function(program)
    found = violations("redshift_cluster_require_ssl", graph)
    assert set(found) == {"no-group", "default-group", "plain-group", "silent-group"}
    assert found["plain-group"][0].message == (
        "Cluster plain-group uses ParameterGroup plain, whose require_ssl is 'false'; this rule demands true")


def test_audit_logging() -> None:
    def program() -> None:
        logged = cluster("ok-logged")
        aws.redshift.Logging("logging", cluster_identifier=logged.cluster_identifier,
                             log_destination_type="cloudwatch", log_exports=["connectionlog", "userlog"])
        cluster("ok-by-name")
        aws.redshift.Logging("logging-by-name", cluster_identifier="ok-by-name", log_destination_type="s3",
                             bucket_name="audit-logs")
        cluster("unlogged")

    assert evaluate_rule("redshift_cluster_audit_logging", program) == {"unlogged"}


def test_security_group_not_open() -> None:
    def program() -> None:
        open_sg = aws.ec2.SecurityGroup("open-5439", ingress=[aws.ec2.SecurityGroupIngressArgs(
            protocol="tcp", from_port=5439, to_port=5439, cidr_blocks=["0.0.0.0/0"])])
        private = aws.ec2.SecurityGroup("private", ingress=[aws.ec2.SecurityGroupIngressArgs(
            protocol="tcp", from_port=5439, to_port=5439, cidr_blocks=["10.0.0.0/8"])])
        cluster("open", vpc_security_group_ids=[open_sg.id])
        cluster("ok-private", vpc_security_group_ids=[private.id])
        cluster("ok-other-port", port=5500, vpc_security_group_ids=[open_sg.id])

    graph = run_function(program)
    found = violations("redshift_security_group_not_open", graph)
    assert set(found) == {"open"}
    assert "admits 0.0.0.0/0 to port 5439" in found["open"][0].message


def test_unknown_parameter_group_is_cannot_decide() -> None:
    def program() -> None:
        cluster("pending", cluster_parameter_group_name=unknown("tls"))

    [v] = violations("redshift_cluster_require_ssl", run_function(program))["pending"]
    assert v.message.startswith("cannot decide: clusterParameterGroupName")
