"""Client VPN endpoints authenticate with mutual TLS or SAML federation, not a directory password alone."""

from collections.abc import Iterator, Mapping
from typing import Any

from ...framework import ResourceRule, ResourceView, Severity, Violation
from .._lib.compute import CLIENT_VPN_ENDPOINT


def evaluate(resource: ResourceView, config: Mapping[str, Any]) -> Iterator[Violation]:
    types = [str(o.get("type")) for o in resource.get("authenticationOptions") or ()]
    # AWS requires every configured option (mutual TLS plus Active Directory means both), so one
    # strong option is enough.
    if not any(t in config["allowed_types"] for t in types):
        yield Violation(f"authentication {types or 'not set'} has neither mutual TLS nor SAML federation",
                        "authenticationOptions")


RULE = ResourceRule(
    id="client_vpn_mutual_tls_or_saml",
    title="Client VPN endpoints use mutual TLS or SAML federation",
    description=(
        "Directory-service authentication alone is a password, phishable and without the identity "
        "provider's MFA; a client certificate or SAML federation (with the IdP's MFA) ties the session to "
        "a device or a strongly authenticated user. Combining either with directory authentication passes."
    ),
    severity=Severity.MEDIUM,
    frameworks={"seed": ("secure-access", "one-time-password")},
    remediation=(
        'Add an authentication_options entry of type "certificate-authentication" '
        '(root_certificate_chain_arn=) or "federated-authentication" (saml_provider_arn=).'
    ),
    resource_types=(CLIENT_VPN_ENDPOINT,),
    config={"allowed_types": {"type": "array", "items": {"type": "string"},
                              "default": ["certificate-authentication", "federated-authentication"],
                              "description": "authentication option types of which an endpoint needs at "
                                             "least one"}},
    evaluate=evaluate,
)
