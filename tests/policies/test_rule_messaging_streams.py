"""kinesis_stream_encrypted, kinesis_stream_retention, firehose_delivery_stream_encrypted,
msk_cluster_encrypted_in_transit, sfn_state_machine_logging and eventbridge_custom_bus_has_policy."""

import json

import pulumi_aws as aws
from fixtures import unknown
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

KEY = "arn:aws:kms:eu-west-1:111122223333:key/abc"
ROLE = "arn:aws:iam::111122223333:role/x"
S3 = aws.kinesis.FirehoseDeliveryStreamExtendedS3ConfigurationArgs(bucket_arn="arn:aws:s3:::b", role_arn=ROLE)


def stream(name: str, **kwargs: object) -> aws.kinesis.Stream:
    return aws.kinesis.Stream(name, shard_count=1, **kwargs)  # type: ignore[arg-type]


def firehose(name: str, **kwargs: object) -> aws.kinesis.FirehoseDeliveryStream:
    return aws.kinesis.FirehoseDeliveryStream(name, destination="extended_s3", extended_s3_configuration=S3,
                                              **kwargs)  # type: ignore[arg-type]


def sse(enabled: bool, key_type: str | None = None) -> aws.kinesis.FirehoseDeliveryStreamServerSideEncryptionArgs:
    return aws.kinesis.FirehoseDeliveryStreamServerSideEncryptionArgs(enabled=enabled, key_type=key_type,
                                                                      key_arn=KEY if key_type else None)


def test_kinesis_stream_encrypted() -> None:
    def program() -> None:
        stream("ok-kms", encryption_type="KMS", kms_key_id="alias/aws/kinesis")
        stream("default")
        stream("none", encryption_type="NONE")
        stream("kms-no-key", encryption_type="KMS")

    found = violations("kinesis_stream_encrypted", run_function(program))
    assert set(found) == {"default", "none", "kms-no-key"}
    assert "not set (AWS default: NONE)" in found["default"][0].message
    assert found["kms-no-key"][0].property == "kmsKeyId"


def test_kinesis_stream_retention() -> None:
    def program() -> None:
        stream("ok-week", retention_period=168)
        stream("ok-month", retention_period=720)
        stream("default")
        stream("two-days", retention_period=48)

    graph = run_function(program)
    found = violations("kinesis_stream_retention", graph)
    assert set(found) == {"default", "two-days"}
    assert "48 hours, below the required 168" in found["two-days"][0].message
    assert set(violations("kinesis_stream_retention", graph, {"min_retention_hours": 48})) == {"default"}


def test_kinesis_retention_unknown_is_cannot_decide() -> None:
    def program() -> None:
        stream("pending", retention_period=unknown(168))

    [only] = violations("kinesis_stream_retention", run_function(program))["pending"]
    assert only.message.startswith("cannot decide: retentionPeriod")


def test_firehose_delivery_stream_encrypted() -> None:
    def program() -> None:
        firehose("ok-aws-owned", server_side_encryption=sse(True))
        firehose("ok-cmk", server_side_encryption=sse(True, "CUSTOMER_MANAGED_CMK"))
        firehose("ok-kinesis-source", kinesis_source_configuration=aws.kinesis.
                 FirehoseDeliveryStreamKinesisSourceConfigurationArgs(kinesis_stream_arn="arn:aws:kinesis:s",
                                                                      role_arn=ROLE))
        firehose("default")
        firehose("disabled", server_side_encryption=sse(False))

    graph = run_function(program)
    found = violations("firehose_delivery_stream_encrypted", graph)
    assert set(found) == {"default", "disabled"}
    assert found["disabled"][0].property == "serverSideEncryption.enabled"
    assert set(violations("firehose_delivery_stream_encrypted", graph, {"require_customer_managed_key": True})) == {
        "default", "disabled", "ok-aws-owned"}


def msk(name: str, transit: aws.msk.ClusterEncryptionInfoEncryptionInTransitArgs | None = None) -> None:
    aws.msk.Cluster(
        name, kafka_version="3.6.0", number_of_broker_nodes=3,
        broker_node_group_info=aws.msk.ClusterBrokerNodeGroupInfoArgs(
            client_subnets=["subnet-a", "subnet-b", "subnet-c"], instance_type="kafka.m5.large",
            security_groups=["sg-1"]),
        encryption_info=aws.msk.ClusterEncryptionInfoArgs(encryption_in_transit=transit) if transit else None)


def test_msk_cluster_encrypted_in_transit() -> None:
    transit = aws.msk.ClusterEncryptionInfoEncryptionInTransitArgs

    def program() -> None:
        msk("ok-default")
        msk("ok-explicit", transit(in_cluster=True, client_broker="TLS"))
        msk("in-cluster-off", transit(in_cluster=False))
        msk("client-plaintext", transit(client_broker="TLS_PLAINTEXT"))

    found = violations("msk_cluster_encrypted_in_transit", run_function(program))
    assert set(found) == {"in-cluster-off", "client-plaintext"}
    assert found["in-cluster-off"][0].property == "encryptionInfo.encryptionInTransit.inCluster"
    assert "'TLS_PLAINTEXT'" in found["client-plaintext"][0].message


def test_sfn_state_machine_logging() -> None:
    logging = aws.sfn.StateMachineLoggingConfigurationArgs
    dest = "arn:aws:logs:eu-west-1:111122223333:log-group:sfn:*"

    def program() -> None:
        for name, cfg in [("ok-all", logging(level="ALL", log_destination=dest)),
                          ("ok-fatal", logging(level="FATAL", log_destination=dest)),
                          ("off", logging(level="OFF")), ("no-destination", logging(level="ERROR")),
                          ("default", None)]:
            aws.sfn.StateMachine(name, role_arn=ROLE, definition="{}", logging_configuration=cfg)

    graph = run_function(program)
    found = violations("sfn_state_machine_logging", graph)
    assert set(found) == {"off", "no-destination", "default"}
    assert "not set (AWS default: OFF)" in found["default"][0].message
    assert found["no-destination"][0].property == "loggingConfiguration.logDestination"
    assert set(violations("sfn_state_machine_logging", graph, {"min_level": "ERROR"})) == {
        "off", "no-destination", "default", "ok-fatal"}


def bus_policy(bus_name: object) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "events:PutEvents",
        "Resource": "*"}]}) if bus_name else ""


def test_eventbridge_custom_bus_has_policy() -> None:
    def program() -> None:
        with_policy = aws.cloudwatch.EventBus("ok-with-policy")
        aws.cloudwatch.EventBusPolicy("policy", event_bus_name=with_policy.name, policy=bus_policy(True))
        with_permission = aws.cloudwatch.EventBus("ok-with-permission", name="orders")
        aws.cloudwatch.EventPermission("permission", principal="444455556666", statement_id="orders",
                                       event_bus_name=with_permission.name)
        aws.cloudwatch.EventBus("ok-named-literally", name="billing")
        aws.cloudwatch.EventBusPolicy("literal-policy", event_bus_name="billing", policy=bus_policy(True))
        aws.cloudwatch.EventBus("ok-partner", name="aws.partner/saas/x", event_source_name="aws.partner/saas/x")
        aws.cloudwatch.EventBus("bare")
        aws.cloudwatch.EventBus("other-named", name="audit")

    found = violations("eventbridge_custom_bus_has_policy", run_function(program))
    assert set(found) == {"bare", "other-named"}
    assert "custom event bus bare has no EventBusPolicy or EventPermission" in found["bare"][0].message
    assert evaluate_rule("eventbridge_custom_bus_has_policy", program, {"exemptions": ["bare", "other-*"]}) == set()


def msk_with(name: str, *, public: str | None = None, unauthenticated: bool | None = None) -> None:
    access = aws.msk.ClusterBrokerNodeGroupInfoConnectivityInfoPublicAccessArgs(type=public)
    connectivity = aws.msk.ClusterBrokerNodeGroupInfoConnectivityInfoArgs(public_access=access) if public else None
    aws.msk.Cluster(
        name, kafka_version="3.6.0", number_of_broker_nodes=3,
        broker_node_group_info=aws.msk.ClusterBrokerNodeGroupInfoArgs(
            client_subnets=["subnet-a", "subnet-b", "subnet-c"], instance_type="kafka.m5.large",
            security_groups=["sg-1"], connectivity_info=connectivity),
        client_authentication=aws.msk.ClusterClientAuthenticationArgs(
            unauthenticated=unauthenticated,
            sasl=aws.msk.ClusterClientAuthenticationSaslArgs(iam=True)) if unauthenticated is not None else None)


def test_msk_cluster_no_public_access_and_no_unauthenticated_access() -> None:
    def program() -> None:
        msk_with("ok-default")
        msk_with("ok-private", public="DISABLED", unauthenticated=False)
        msk_with("public", public="SERVICE_PROVIDED_EIPS")
        msk_with("anonymous", unauthenticated=True)

    graph = run_function(program)
    public = violations("msk_cluster_no_public_access", graph)
    assert set(public) == {"public"}
    assert "'SERVICE_PROVIDED_EIPS'" in public["public"][0].message
    anonymous = violations("msk_cluster_no_unauthenticated_access", graph)
    assert set(anonymous) == {"anonymous"}
    assert anonymous["anonymous"][0].property == "clientAuthentication.unauthenticated"


def test_eventbridge_bus_policy_no_public_access() -> None:
    def statement(principal: object, condition: dict[str, object] | None = None) -> str:
        body: dict[str, object] = {"Effect": "Allow", "Principal": principal, "Action": "events:PutEvents",
                                   "Resource": "*"}
        if condition:
            body["Condition"] = condition
        return json.dumps({"Version": "2012-10-17", "Statement": [body]})

    def program() -> None:
        aws.cloudwatch.EventBusPolicy("ok-account", event_bus_name="orders",
                                      policy=statement({"AWS": "arn:aws:iam::444455556666:root"}))
        aws.cloudwatch.EventBusPolicy("ok-org", event_bus_name="orders", policy=statement(
            "*", {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}))
        aws.cloudwatch.EventBusPolicy("public-policy", event_bus_name="orders", policy=statement("*"))
        aws.cloudwatch.EventPermission("ok-permission", principal="444455556666", statement_id="a")
        aws.cloudwatch.EventPermission("ok-org-permission", principal="*", statement_id="b",
                                       condition=aws.cloudwatch.EventPermissionConditionArgs(
                                           key="aws:PrincipalOrgID", type="StringEquals", value="o-abc"))
        aws.cloudwatch.EventPermission("public-permission", principal="*", statement_id="c")

    found = violations("eventbridge_bus_policy_no_public_access", run_function(program))
    assert set(found) == {"public-policy", "public-permission"}
    assert "event bus policy Statement[0] allows events:PutEvents" in found["public-policy"][0].message
    assert found["public-permission"][0].property == "principal"
