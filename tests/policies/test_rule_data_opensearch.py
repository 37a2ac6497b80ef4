"""OpenSearch rules over aws.opensearch.Domain and aws.elasticsearch.Domain."""

import pulumi_aws as aws
from fixtures import unknown
from harness import violations

from lz.mock_engine import run_function

search = aws.opensearch
LOG_GROUP = "arn:aws:logs:eu-west-1:1:log-group:/aws/opensearch/search"


def hardened(name: str) -> search.Domain:
    return search.Domain(
        name,
        encrypt_at_rest=search.DomainEncryptAtRestArgs(enabled=True),
        vpc_options=search.DomainVpcOptionsArgs(subnet_ids=["subnet-a", "subnet-b", "subnet-c"]),
        node_to_node_encryption=search.DomainNodeToNodeEncryptionArgs(enabled=True),
        log_publishing_options=[
            search.DomainLogPublishingOptionArgs(log_type="ES_APPLICATION_LOGS", cloudwatch_log_group_arn=LOG_GROUP),
            search.DomainLogPublishingOptionArgs(log_type="AUDIT_LOGS", cloudwatch_log_group_arn=LOG_GROUP),
        ],
        cluster_config=search.DomainClusterConfigArgs(instance_count=3, zone_awareness_enabled=True),
        advanced_security_options=search.DomainAdvancedSecurityOptionsArgs(enabled=True),
        domain_endpoint_options=search.DomainDomainEndpointOptionsArgs(
            enforce_https=True, tls_security_policy="Policy-Min-TLS-1-2-PFS-2023-10"),
    )


def program() -> None:
    hardened("ok-hardened")
    search.Domain("bare")
    search.Domain("weak", encrypt_at_rest=search.DomainEncryptAtRestArgs(enabled=False),
              node_to_node_encryption=search.DomainNodeToNodeEncryptionArgs(enabled=False),
              log_publishing_options=[search.DomainLogPublishingOptionArgs(
                  log_type="ES_APPLICATION_LOGS", cloudwatch_log_group_arn=LOG_GROUP, enabled=False)],
              cluster_config=search.DomainClusterConfigArgs(instance_count=3, zone_awareness_enabled=False),
              advanced_security_options=search.DomainAdvancedSecurityOptionsArgs(enabled=False),
              domain_endpoint_options=search.DomainDomainEndpointOptionsArgs(
                  enforce_https=False, tls_security_policy="Policy-Min-TLS-1-0-2019-07"))
    aws.elasticsearch.Domain("legacy-es")
    es = aws.elasticsearch
    es.Domain(
        "ok-legacy-es",
        encrypt_at_rest=es.DomainEncryptAtRestArgs(enabled=True),
        vpc_options=es.DomainVpcOptionsArgs(subnet_ids=["subnet-a", "subnet-b", "subnet-c"]),
        node_to_node_encryption=es.DomainNodeToNodeEncryptionArgs(enabled=True),
        log_publishing_options=[
            es.DomainLogPublishingOptionArgs(log_type="ES_APPLICATION_LOGS", cloudwatch_log_group_arn=LOG_GROUP),
            es.DomainLogPublishingOptionArgs(log_type="AUDIT_LOGS", cloudwatch_log_group_arn=LOG_GROUP),
        ],
        cluster_config=es.DomainClusterConfigArgs(instance_count=3, zone_awareness_enabled=True),
        advanced_security_options=es.DomainAdvancedSecurityOptionsArgs(enabled=True),
        domain_endpoint_options=es.DomainDomainEndpointOptionsArgs(
            enforce_https=True, tls_security_policy="Policy-Min-TLS-1-2-PFS-2023-10"),
    )


ALL = {"bare", "weak", "legacy-es"}


def test_every_rule_fails_bare_weak_and_legacy_and_passes_hardened() -> None:
    graph = run_function(program)
    for rule_id in ("opensearch_encrypted_at_rest", "opensearch_node_to_node_encryption", "opensearch_error_logs",
                    "opensearch_data_node_fault_tolerance", "opensearch_fine_grained_access",
                    "opensearch_tls_policy"):
        assert set(violations(rule_id, graph)) == ALL, rule_id
    assert set(violations("opensearch_in_vpc", graph)) == ALL
    assert set(violations("opensearch_audit_logs", graph)) == ALL


def test_messages_and_paths() -> None:
    graph = run_function(program)
    tls = violations("opensearch_tls_policy", graph)
    assert [v.property for v in tls["weak"]] == ["domainEndpointOptions.enforceHttps",
                                                 "domainEndpointOptions.tlsSecurityPolicy"]
    assert [v.property for v in tls["bare"]] == ["domainEndpointOptions.tlsSecurityPolicy"]
    nodes = violations("opensearch_data_node_fault_tolerance", graph)
    assert [v.property for v in nodes["weak"]] == ["clusterConfig.zoneAwarenessEnabled"]
    assert nodes["bare"][0].message == (
        "Domain bare: clusterConfig.instanceCount is not set (AWS default: 1); this rule demands at least 3 data nodes")
    errors = violations("opensearch_error_logs", graph)
    assert "entry is disabled or has no cloudwatchLogGroupArn" in errors["weak"][0].message
    assert violations("opensearch_in_vpc", graph)["bare"][0].property == "vpcOptions.subnetIds"


def test_config() -> None:
    graph = run_function(program)
    older = {"allowed_policies": ["Policy-Min-TLS-1-2-PFS-2023-10", "Policy-Min-TLS-1-0-2019-07"]}
    assert [v.property for v in violations("opensearch_tls_policy", graph, older)["weak"]] == [
        "domainEndpointOptions.enforceHttps"]
    assert set(violations("opensearch_data_node_fault_tolerance", graph, {"exemptions": ["legacy-*"]})) == {
        "bare", "weak"}


def test_unknown_is_cannot_decide() -> None:
    def pending() -> None:
        search.Domain("pending", encrypt_at_rest=search.DomainEncryptAtRestArgs(enabled=unknown(True)))

    [v] = violations("opensearch_encrypted_at_rest", run_function(pending))["pending"]
    assert v.message.startswith("cannot decide: encryptAtRest.enabled")
