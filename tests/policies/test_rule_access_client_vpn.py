"""client_vpn_connection_logging and client_vpn_mutual_tls_or_saml."""

import pulumi_aws as aws
from harness import evaluate_rule, violations

from lz.mock_engine import run_function

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/vpn-server"
ROOT_CA = "arn:aws:acm:us-east-1:123456789012:certificate/vpn-clients"
SAML = "arn:aws:iam::123456789012:saml-provider/okta"
Auth = aws.ec2clientvpn.EndpointAuthenticationOptionArgs
Logs = aws.ec2clientvpn.EndpointConnectionLogOptionsArgs
MTLS = Auth(type="certificate-authentication", root_certificate_chain_arn=ROOT_CA)
LOGGED = Logs(enabled=True, cloudwatch_log_group="/lz/vpn", cloudwatch_log_stream="connections")


def endpoint(name: str, auth: list[aws.ec2clientvpn.EndpointAuthenticationOptionArgs],
             logs: aws.ec2clientvpn.EndpointConnectionLogOptionsArgs = LOGGED) -> None:
    aws.ec2clientvpn.Endpoint(name, server_certificate_arn=CERT, client_cidr_block="10.250.0.0/16",
                              authentication_options=auth, connection_log_options=logs)


def test_connection_logging() -> None:
    def program() -> None:
        endpoint("ok-logged", [MTLS])
        endpoint("logs-off", [MTLS], Logs(enabled=False))
        endpoint("no-group", [MTLS], Logs(enabled=True))

    graph = run_function(program)
    assert set(violations("client_vpn_connection_logging", graph)) == {"logs-off", "no-group"}
    assert [v.property for v in violations("client_vpn_connection_logging", graph)["no-group"]] == [
        "connectionLogOptions.cloudwatchLogGroup"
    ]
    assert set(violations("client_vpn_connection_logging", graph, {"exemptions": ["logs-*"]})) == {"no-group"}


def test_mutual_tls_or_saml() -> None:
    directory = Auth(type="directory-service-authentication", active_directory_id="d-1234567890")

    def program() -> None:
        endpoint("ok-mtls", [MTLS])
        endpoint("ok-saml", [Auth(type="federated-authentication", saml_provider_arn=SAML)])
        endpoint("ok-mtls-and-directory", [MTLS, directory])
        endpoint("directory-only", [directory])

    assert evaluate_rule("client_vpn_mutual_tls_or_saml", program) == {"directory-only"}
    allow_directory = {"allowed_types": ["certificate-authentication", "federated-authentication",
                                         "directory-service-authentication"]}
    assert evaluate_rule("client_vpn_mutual_tls_or_saml", program, allow_directory) == set()
    assert evaluate_rule("client_vpn_mutual_tls_or_saml", program,
                         {"allowed_types": ["federated-authentication"]}) == {
        "ok-mtls", "ok-mtls-and-directory", "directory-only"
    }
