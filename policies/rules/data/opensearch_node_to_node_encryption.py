"""OpenSearch domains encrypt node-to-node traffic (FSBP Opensearch.3)."""

from ...framework import Severity
from .._lib.data import SEARCH_DOMAINS, flag_rule

RULE = flag_rule(
    "opensearch_node_to_node_encryption",
    types=SEARCH_DOMAINS,
    prop="nodeToNodeEncryption.enabled",
    want=True,
    default=False,
    default_note="AWS default: false",
    title="OpenSearch domains encrypt node-to-node traffic",
    description=(
        "Node-to-node encryption puts TLS on the traffic between the domain's nodes, which otherwise "
        "crosses the VPC in clear. AWS leaves it off unless nodeToNodeEncryption.enabled is true; "
        "fine-grained access control requires it."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Opensearch.3",), "seed": ("data-encryption",)},
    remediation=(
        "Set node_to_node_encryption=aws.opensearch.DomainNodeToNodeEncryptionArgs(enabled=True) on the "
        "aws.opensearch.Domain."
    ),
)
