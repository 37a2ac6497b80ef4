"""OpenSearch domains require HTTPS with the latest TLS security policy (FSBP Opensearch.8)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.data import SEARCH_DOMAINS, lookup, shown


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    if lookup(resource, "domainEndpointOptions.enforceHttps") is False:
        yield Violation(f"Domain {resource.name}: domainEndpointOptions.enforceHttps is false; this rule demands "
                        "HTTPS only", "domainEndpointOptions.enforceHttps")
    policy = lookup(resource, "domainEndpointOptions.tlsSecurityPolicy")
    if policy not in config["allowed_policies"]:
        yield Violation(f"Domain {resource.name}: domainEndpointOptions.tlsSecurityPolicy is "
                        f"{shown(policy, 'AWS picks an older policy')}; this rule demands one of "
                        f"{', '.join(config['allowed_policies'])}", "domainEndpointOptions.tlsSecurityPolicy")


RULE = ResourceRule(
    id="opensearch_tls_policy",
    title="OpenSearch domains require HTTPS with the latest TLS security policy",
    description=(
        "The domain endpoint accepts the TLS versions and ciphers of its tlsSecurityPolicy; FSBP demands "
        "Policy-Min-TLS-1-2-PFS-2023-10 (TLS 1.2+ with forward secrecy). Leaving the policy out keeps an "
        "older AWS default; enforceHttps defaults to true and fails only when set false."
    ),
    severity=Severity.MEDIUM,
    frameworks={"aws-fsbp": ("Opensearch.8",), "seed": ("data-encryption",)},
    remediation=(
        "Set domain_endpoint_options=aws.opensearch.DomainDomainEndpointOptionsArgs(enforce_https=True, "
        'tls_security_policy="Policy-Min-TLS-1-2-PFS-2023-10") on the aws.opensearch.Domain.'
    ),
    resource_types=SEARCH_DOMAINS,
    config={"allowed_policies": {"type": "array", "items": {"type": "string"},
                                 "default": ["Policy-Min-TLS-1-2-PFS-2023-10"],
                                 "description": "tlsSecurityPolicy values accepted"}},
    evaluate=evaluate,
)
