"""DynamoDB and DAX rules over aws.dynamodb.Table, aws.dynamodb.TableReplica and aws.dax.Cluster."""

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

KEY = "arn:aws:kms:eu-west-1:111122223333:key/data"
PITR = aws.dynamodb.TablePointInTimeRecoveryArgs


def table(name: str, **kwargs: object) -> aws.dynamodb.Table:
    return aws.dynamodb.Table(name, hash_key="id", billing_mode="PAY_PER_REQUEST",
                              attributes=[aws.dynamodb.TableAttributeArgs(name="id", type="S")],
                              **kwargs)  # type: ignore[arg-type]


def replica(name: str, **kwargs: object) -> aws.dynamodb.TableReplica:
    return aws.dynamodb.TableReplica(name, global_table_arn="arn:aws:dynamodb:eu-west-1:1:table/t",
                                     **kwargs)  # type: ignore[arg-type]


def dax(name: str, **kwargs: object) -> aws.dax.Cluster:
    return aws.dax.Cluster(name, cluster_name=name, iam_role_arn="arn:aws:iam::1:role/dax",
                           node_type="dax.r5.large", replication_factor=3, **kwargs)  # type: ignore[arg-type]


def test_pitr() -> None:
    def program() -> None:
        table("ok-pitr", point_in_time_recovery=PITR(enabled=True))
        table("no-pitr")
        table("pitr-off", point_in_time_recovery=PITR(enabled=False))
        replica("ok-replica", point_in_time_recovery=True)
        replica("replica-default")

    graph = run_function(program)
    found = violations("dynamodb_table_pitr", graph)
    assert set(found) == {"no-pitr", "pitr-off", "replica-default"}
    assert found["pitr-off"][0].property == "pointInTimeRecovery.enabled"
    assert found["replica-default"][0].message == (
        "TableReplica replica-default: pointInTimeRecovery is not set (AWS default: off); this rule demands true")


def test_pitr_unknown_is_cannot_decide() -> None:
    def program() -> None:
        table("pending", point_in_time_recovery=PITR(enabled=unknown(True)))

    [v] = violations("dynamodb_table_pitr", run_function(program))["pending"]
    assert v.message.startswith("cannot decide: pointInTimeRecovery.enabled")


def test_deletion_protection() -> None:
    def program() -> None:
        table("ok-protected", deletion_protection_enabled=True)
        table("unprotected")
        replica("ok-replica", deletion_protection_enabled=True)
        replica("replica-off", deletion_protection_enabled=False)

    assert evaluate_rule("dynamodb_table_deletion_protection", program) == {"unprotected", "replica-off"}
    assert evaluate_rule("dynamodb_table_deletion_protection", program, {"exemptions": ["un*"]}) == {"replica-off"}


def test_cmk_encrypted() -> None:
    sse = aws.dynamodb.TableServerSideEncryptionArgs

    def program() -> None:
        table("ok-cmk", server_side_encryption=sse(enabled=True, kms_key_arn=KEY))
        table("aws-owned")
        table("aws-managed", server_side_encryption=sse(enabled=True))
        table("replica-without-key", server_side_encryption=sse(enabled=True, kms_key_arn=KEY),
              replicas=[aws.dynamodb.TableReplicaArgs(region_name="eu-central-1", kms_key_arn=KEY),
                        aws.dynamodb.TableReplicaArgs(region_name="us-east-1")])
        replica("ok-replica", kms_key_arn=KEY)
        replica("replica-aws-owned")

    graph = run_function(program)
    found = violations("dynamodb_table_cmk_encrypted", graph)
    assert set(found) == {"aws-owned", "aws-managed", "replica-without-key", "replica-aws-owned"}
    assert [v.property for v in found["replica-without-key"]] == ["replicas[1].kmsKeyArn"]
    assert "AWS managed key aws/dynamodb" in found["aws-managed"][0].message
    assert "(DynamoDB always encrypts at rest)" in found["aws-owned"][0].message


def test_dax_encryption() -> None:
    def program() -> None:
        dax("ok-dax", server_side_encryption=aws.dax.ClusterServerSideEncryptionArgs(enabled=True),
            cluster_endpoint_encryption_type="TLS")
        dax("dax-default")
        dax("dax-plain", server_side_encryption=aws.dax.ClusterServerSideEncryptionArgs(enabled=False),
            cluster_endpoint_encryption_type="NONE")

    graph = run_function(program)
    assert set(violations("dax_cluster_encrypted_at_rest", graph)) == {"dax-default", "dax-plain"}
    assert set(violations("dax_cluster_encrypted_in_transit", graph)) == {"dax-default", "dax-plain"}
    assert violations("dax_cluster_encrypted_in_transit", graph)["dax-plain"][0].message == (
        "Cluster dax-plain: clusterEndpointEncryptionType is 'NONE'; this rule demands 'TLS'")
